package dev.glassbox.sources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A concept found in WordNet.
 *
 * @param relation how it was found: {@code gloss}, {@code genus-modifier}, {@code part-meronym},
 *     {@code substance-meronym}, {@code attribute}, {@code hypernym}, {@code named-colour}
 * @param synset the class's chosen synset, as {@code n<offset> <first lemma>}
 * @param sense 1-based sense number of the class name that was chosen
 * @param via the synset the concept was read from (the class's own, an ancestor's, a colour's), as
 *     {@code <pos><offset> <first lemma>}
 * @param depth hypernym steps from the class's synset to {@code via} (0 for the synset itself)
 */
public record WordNetProvenance(String relation, String synset, int sense, String via, int depth) implements ConceptProvenance {
  /** The WordNet release the bundled data holds. */
  public static final String WORDNET_VERSION = "3.1";

  @Override
  public String source() {
    return "wordnet";
  }

  @Override
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("relation", relation);
    m.put("synset", synset);
    m.put("sense", Integer.toString(sense));
    m.put("via", via);
    m.put("depth", Integer.toString(depth));
    m.put("wordnet", WORDNET_VERSION);
    return m;
  }
}
