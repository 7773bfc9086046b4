package dev.glassbox.sources.text;

/**
 * Which parts of speech a word can take, the only linguistic knowledge {@link PhraseExtractor}
 * needs. Inflected forms ("wings", "striped", "larger") are looked up through their base forms.
 * The WordNet-backed implementation is {@code dev.glassbox.sources.wordnet.WordNetLexicon}.
 */
public interface Lexicon {
  boolean isNoun(String word);

  boolean isAdjective(String word);

  boolean isVerb(String word);

  boolean isAdverb(String word);

  /** True when the lexicon knows the word in any part of speech. */
  default boolean isKnown(String word) {
    return isNoun(word) || isAdjective(word) || isVerb(word) || isAdverb(word);
  }
}
