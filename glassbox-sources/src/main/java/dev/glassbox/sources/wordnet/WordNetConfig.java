package dev.glassbox.sources.wordnet;

import java.util.List;

/**
 * Settings of {@link WordNetConceptSource}.
 *
 * @param hint a word that picks the sense whose hypernym chain contains it ("bird" picks the bird
 *     sense of "crane", "vehicle" the vehicle sense of "jaguar"); null picks WordNet's first (most
 *     frequent) noun sense. Default null
 * @param glossDepth how many hypernym levels contribute their glosses besides the class's own
 *     synset, in [0, 5]. Default 1 (the genus: "equine" for "zebra" adds "slender legs", "narrow
 *     mane")
 * @param superclassDepth how many hypernym levels become superclass concepts ("equine", "odd-toed
 *     ungulate"), in [0, 10]. Default 2; deeper ones ("placental mammal", "chordate") are rarely
 *     visual
 * @param stopAt hypernyms at which the walk for inherited parts stops (exclusive): WordNet keeps part
 *     meronyms such as "wing" and "beak" on ancestors ("bird"), and the top of the hierarchy holds no
 *     parts. Default {@code organism, whole, object, physical entity, entity, abstraction}
 * @param gloss include phrases from glosses. Default true
 * @param parts include part and substance meronyms of the synset and its ancestors. Default true
 * @param attributes include WordNet attribute links. Default true
 * @param superclasses include hypernyms as superclass concepts. Default true
 * @param namedColours include colour words of colour synsets glossed "the colour of X" for a word X
 *     of the class name ("fieriness, red heat: the heat or the colour of fire" gives "red" to "fire
 *     engine"). Default true
 * @param maxPhraseWords longest gloss phrase in words, ≥ 1. Default 4
 */
public record WordNetConfig(
    String hint, int glossDepth, int superclassDepth, List<String> stopAt, boolean gloss, boolean parts,
    boolean attributes, boolean superclasses, boolean namedColours, int maxPhraseWords) {

  public WordNetConfig {
    stopAt = List.copyOf(stopAt);
    hint = hint == null || hint.isBlank() ? null : hint.strip();
    check(glossDepth >= 0 && glossDepth <= 5, "glossDepth", "in [0, 5]", glossDepth);
    check(superclassDepth >= 0 && superclassDepth <= 10, "superclassDepth", "in [0, 10]", superclassDepth);
    check(maxPhraseWords >= 1, "maxPhraseWords", "≥ 1", maxPhraseWords);
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("WordNet source " + name + " must be " + range + ", got " + value);
    }
  }

  public static WordNetConfig defaults() {
    return new WordNetConfig(null, 1, 2, List.of("organism", "whole", "object", "physical entity", "entity", "abstraction"),
        true, true, true, true, true, 4);
  }

  public WordNetConfig withHint(String v) {
    return new WordNetConfig(v, glossDepth, superclassDepth, stopAt, gloss, parts, attributes, superclasses, namedColours, maxPhraseWords);
  }

  public WordNetConfig withGlossDepth(int v) {
    return new WordNetConfig(hint, v, superclassDepth, stopAt, gloss, parts, attributes, superclasses, namedColours, maxPhraseWords);
  }

  public WordNetConfig withSuperclassDepth(int v) {
    return new WordNetConfig(hint, glossDepth, v, stopAt, gloss, parts, attributes, superclasses, namedColours, maxPhraseWords);
  }

  public WordNetConfig withStopAt(List<String> v) {
    return new WordNetConfig(hint, glossDepth, superclassDepth, v, gloss, parts, attributes, superclasses, namedColours, maxPhraseWords);
  }

  public WordNetConfig withGloss(boolean v) {
    return new WordNetConfig(hint, glossDepth, superclassDepth, stopAt, v, parts, attributes, superclasses, namedColours, maxPhraseWords);
  }

  public WordNetConfig withParts(boolean v) {
    return new WordNetConfig(hint, glossDepth, superclassDepth, stopAt, gloss, v, attributes, superclasses, namedColours, maxPhraseWords);
  }

  public WordNetConfig withAttributes(boolean v) {
    return new WordNetConfig(hint, glossDepth, superclassDepth, stopAt, gloss, parts, v, superclasses, namedColours, maxPhraseWords);
  }

  public WordNetConfig withSuperclasses(boolean v) {
    return new WordNetConfig(hint, glossDepth, superclassDepth, stopAt, gloss, parts, attributes, v, namedColours, maxPhraseWords);
  }

  public WordNetConfig withNamedColours(boolean v) {
    return new WordNetConfig(hint, glossDepth, superclassDepth, stopAt, gloss, parts, attributes, superclasses, v, maxPhraseWords);
  }

  public WordNetConfig withMaxPhraseWords(int v) {
    return new WordNetConfig(hint, glossDepth, superclassDepth, stopAt, gloss, parts, attributes, superclasses, namedColours, v);
  }
}
