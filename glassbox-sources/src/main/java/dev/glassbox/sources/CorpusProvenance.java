package dev.glassbox.sources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A phrase extracted from a retrieved passage of the user's documents.
 *
 * @param document the document's id (its path relative to the corpus folder, with {@code /})
 * @param passage 0-based index of the passage within the document
 * @param rank 1-based rank of the passage among those retrieved for the class
 * @param score the passage's BM25 score for the class's query
 * @param query the query text
 */
public record CorpusProvenance(String document, int passage, int rank, double score, String query) implements ConceptProvenance {
  @Override
  public String source() {
    return "corpus";
  }

  @Override
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("document", document);
    m.put("passage", Integer.toString(passage));
    m.put("rank", Integer.toString(rank));
    m.put("score", Float.toString((float) score));
    m.put("query", query);
    return m;
  }
}
