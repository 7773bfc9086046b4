package dev.glassbox.concepts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A human-readable concept ("yellow crown").
 *
 * @param text the phrase shown to people and encoded by the text tower
 * @param source where the concept came from ({@code "file"}, {@code "llm"}, {@code "wordnet"},
 *     {@code "sae"}, …)
 * @param proposedBy the class that proposed it, or {@code null} when it belongs to no class
 * @param metadata free key–value details recorded by the source (prompt, score, synset, …); key
 *     {@value #CLASSES} lists every class that proposed the concept, as a JSON array of names
 */
public record Concept(String text, String source, String proposedBy, Map<String, String> metadata) {
  public Concept {
    Objects.requireNonNull(text, "concept text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a concept's text is empty");
    }
    source = source == null ? "unknown" : source;
    // Kept in the source's order (file, format, position, …), so it is shown and written as recorded.
    metadata = metadata == null ? Map.of() : orderedCopy(metadata);
  }

  private static Map<String, String> orderedCopy(Map<String, String> m) {
    Map<String, String> copy = new LinkedHashMap<>();
    m.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "metadata key"), Objects.requireNonNull(v, () -> "metadata value of " + k)));
    return Collections.unmodifiableMap(copy);
  }

  /** Metadata key listing every class that proposed a concept (a JSON array of names). */
  public static final String CLASSES = "classes";

  /**
   * Every class that proposed this concept, each once, in order: {@link #proposedBy()} first, then
   * the names its {@value #CLASSES} metadata lists. Sources keep a concept several classes proposed
   * once, under its first proposer, and list them all there; per-class selection (LaBo's ground
   * sets), the class-grounding filter and the language prior read this.
   *
   * @throws IllegalArgumentException naming the concept when {@value #CLASSES} is not a JSON array of strings
   */
  public List<String> proposingClasses() {
    List<String> out = new ArrayList<>();
    if (proposedBy != null) {
      out.add(proposedBy);
    }
    String json = metadata.get(CLASSES);
    if (json != null) {
      for (String name : parseStringArray(json)) {
        if (!out.contains(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** The strings of a JSON array of strings, with JSON's escapes decoded. */
  private List<String> parseStringArray(String json) {
    List<String> out = new ArrayList<>();
    int i = skipSpace(json, 0);
    if (i >= json.length() || json.charAt(i) != '[') {
      throw notAnArray(json);
    }
    i = skipSpace(json, i + 1);
    if (i < json.length() && json.charAt(i) == ']') {
      i = skipSpace(json, i + 1);
      if (i != json.length()) {
        throw notAnArray(json);
      }
      return out;
    }
    while (true) {
      if (i >= json.length() || json.charAt(i) != '"') {
        throw notAnArray(json);
      }
      StringBuilder sb = new StringBuilder();
      i++;
      while (true) {
        if (i >= json.length()) {
          throw notAnArray(json);
        }
        char ch = json.charAt(i++);
        if (ch == '"') {
          break;
        }
        if (ch != '\\') {
          sb.append(ch);
          continue;
        }
        if (i >= json.length()) {
          throw notAnArray(json);
        }
        char e = json.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (i + 4 > json.length()) {
              throw notAnArray(json);
            }
            try {
              sb.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
            } catch (NumberFormatException x) {
              throw notAnArray(json);
            }
            i += 4;
          }
          default -> throw notAnArray(json);
        }
      }
      out.add(sb.toString());
      i = skipSpace(json, i);
      if (i < json.length() && json.charAt(i) == ',') {
        i = skipSpace(json, i + 1);
        continue;
      }
      if (i < json.length() && json.charAt(i) == ']' && skipSpace(json, i + 1) == json.length()) {
        return out;
      }
      throw notAnArray(json);
    }
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private IllegalArgumentException notAnArray(String json) {
    String shown = json.length() > 80 ? json.substring(0, 80) + "…" : json;
    return new IllegalArgumentException(
        "concept \"" + text + "\": its \"" + CLASSES + "\" metadata should be a JSON array of class names, got " + shown);
  }

  public static Concept of(String text) {
    return new Concept(text, "user", null, Map.of());
  }

  public static Concept of(String text, String source, String proposedBy) {
    return new Concept(text, source, proposedBy, Map.of());
  }
}
