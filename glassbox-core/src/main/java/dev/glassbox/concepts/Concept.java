package dev.glassbox.concepts;

import java.util.Map;
import java.util.Objects;

/**
 * A human-readable concept ("yellow crown").
 *
 * @param text the phrase shown to people and encoded by the text tower
 * @param source where the concept came from ({@code "file"}, {@code "llm"}, {@code "wordnet"},
 *     {@code "sae"}, …)
 * @param proposedBy the class that proposed it, or {@code null} when it belongs to no class
 * @param metadata free key–value details recorded by the source (prompt, score, synset, …)
 */
public record Concept(String text, String source, String proposedBy, Map<String, String> metadata) {
  public Concept {
    Objects.requireNonNull(text, "concept text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a concept's text is empty");
    }
    source = source == null ? "unknown" : source;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public static Concept of(String text) {
    return new Concept(text, "user", null, Map.of());
  }

  public static Concept of(String text, String source, String proposedBy) {
    return new Concept(text, source, proposedBy, Map.of());
  }
}
