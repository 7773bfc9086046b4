/** Concepts from WordNet 3.1 (extjwnl, offline): glosses, inherited meronyms, attributes, hypernyms, named colours. */
package dev.glassbox.sources.wordnet;
