package dev.glassbox.sources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A vocabulary token kept for a class by its top-k hit count over class-nearest unlabelled images.
 *
 * @param vocabulary the word list's name and version
 * @param licence the word list's licence
 * @param kind {@code noun}, {@code adjective} or {@code bigram}
 * @param hits how many of the class's images had the token among their top-k nearest tokens
 * @param images how many images were counted for the class
 * @param rank 1-based rank of the token among the class's kept tokens
 * @param encoder the text encoder's name
 */
public record VocabularyProvenance(String vocabulary, String licence, String kind, int hits, int images, int rank, String encoder)
    implements ConceptProvenance {

  @Override
  public String source() {
    return "vocabulary";
  }

  @Override
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("vocabulary", vocabulary);
    m.put("licence", licence);
    m.put("kind", kind);
    m.put("hits", Integer.toString(hits));
    m.put("images", Integer.toString(images));
    m.put("rank", Integer.toString(rank));
    m.put("encoder", encoder);
    return m;
  }
}
