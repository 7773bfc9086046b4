package dev.glassbox.sources;

import java.util.List;
import java.util.Map;

/**
 * Where one concept came from, recorded in its {@link dev.glassbox.concepts.Concept#metadata()}.
 * The family is closed: one record per kind of source, each turning itself into the string map a
 * {@code Concept} carries (list values are JSON arrays, numbers are decimal strings).
 */
public sealed interface ConceptProvenance
    permits FileProvenance, LlmProvenance, WordNetProvenance, VocabularyProvenance, CorpusProvenance {

  /** The source name recorded as {@code Concept.source()}. */
  String source();

  /** The key–value details recorded as {@code Concept.metadata()}. */
  Map<String, String> metadata();

  /** A JSON array of strings, the form list-valued metadata takes. */
  static String jsonList(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"');
      for (char c : values.get(i).toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> {
            if (c < 0x20) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      sb.append('"');
    }
    return sb.append(']').toString();
  }
}
