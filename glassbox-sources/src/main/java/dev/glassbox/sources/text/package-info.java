/**
 * Sentence → short concept phrase extraction without a model: a rule-based stand-in for LaBo's T5
 * concept extractor, driven by closed word lists and a part-of-speech {@link dev.glassbox.sources.text.Lexicon}.
 */
package dev.glassbox.sources.text;
