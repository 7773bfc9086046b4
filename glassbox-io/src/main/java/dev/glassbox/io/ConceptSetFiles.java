package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.concepts.PlainTextConcepts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Concept sets on disk. Glassbox writes JSON:
 * <pre>{"format": "glassbox-concepts", "formatVersion": 1,
 *  "concepts": [{"text": "yellow crown", "source": "llm", "class": "goldfinch", "metadata": {...}}]}</pre>
 * and reads that, a bare JSON array of strings or of such objects, or plain text with one concept per line.
 */
public final class ConceptSetFiles {
  public static final String FORMAT = "glassbox-concepts";
  public static final int FORMAT_VERSION = 1;

  private ConceptSetFiles() {}

  /** Reads a concept set, choosing the format by extension ({@code .json}, {@code .txt}/{@code .list}). */
  public static ConceptSet read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such concept file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return readJson(file);
    }
    if (name.endsWith(".txt") || name.endsWith(".list") || !name.contains(".")) {
      return PlainTextConcepts.read(file);
    }
    throw new IllegalArgumentException(
        "concept file " + file + " has an unknown format; expected .json (Glassbox concepts) or .txt (one concept per line)");
  }

  public static ConceptSet readJson(Path file) throws IOException {
    JsonNode root = Json.read(file);
    JsonNode list;
    if (root.isArray()) {
      list = root;
    } else if (root.isObject() && root.has("concepts")) {
      int v = root.path("formatVersion").asInt(FORMAT_VERSION);
      if (v > FORMAT_VERSION) {
        throw new IllegalArgumentException(file + " has concept format version " + v + ", newer than this Glassbox reads (" + FORMAT_VERSION + ")");
      }
      list = root.get("concepts");
    } else {
      throw new IllegalArgumentException(file + " is not a concept set: expected a JSON array or an object with a \"concepts\" array");
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException(file + ": \"concepts\" must be an array");
    }
    List<Concept> out = new ArrayList<>();
    int i = 0;
    for (JsonNode n : list) {
      if (n.isTextual()) {
        if (!n.asText().isBlank()) {
          out.add(Concept.of(n.asText().strip()));
        }
      } else if (n.isObject() && n.hasNonNull("text") && !n.get("text").isTextual()) {
        throw new IllegalArgumentException(file + ": concept " + i + " has a \"text\" that is " + n.get("text").getNodeType().toString().toLowerCase(Locale.ROOT)
            + " " + n.get("text") + ", expected a string");
      } else if (n.isObject() && n.hasNonNull("text")) {
        Map<String, String> meta = new LinkedHashMap<>();
        n.path("metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        String cls = n.hasNonNull("class") ? n.get("class").asText() : n.hasNonNull("proposedBy") ? n.get("proposedBy").asText() : null;
        out.add(new Concept(n.get("text").asText().strip(), n.path("source").asText("file"), cls, meta));
      } else {
        throw new IllegalArgumentException(file + ": concept " + i + " is neither a string nor an object with a \"text\" field");
      }
      i++;
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no concepts");
    }
    return ConceptSet.deduplicated(out);
  }

  /** The JSON form of a concept set. */
  public static Map<String, Object> toJson(ConceptSet set) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("concepts", conceptList(set));
    return root;
  }

  /** The concepts as written in concept JSON: text, source, class and metadata of each. */
  public static List<Map<String, Object>> conceptList(ConceptSet set) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Concept c : set.concepts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("text", c.text());
      m.put("source", c.source());
      if (c.proposedBy() != null) {
        m.put("class", c.proposedBy());
      }
      if (!c.metadata().isEmpty()) {
        m.put("metadata", c.metadata());
      }
      list.add(m);
    }
    return list;
  }

  static ConceptSet fromList(JsonNode list, Path file) {
    List<Concept> out = new ArrayList<>();
    for (JsonNode n : list) {
      Map<String, String> meta = new LinkedHashMap<>();
      n.path("metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
      if (!n.hasNonNull("text")) {
        throw new IllegalArgumentException(file + ": a concept has no \"text\"");
      }
      out.add(new Concept(n.get("text").asText(), n.path("source").asText("unknown"),
          n.hasNonNull("class") ? n.get("class").asText() : null, meta));
    }
    return new ConceptSet(out);
  }

  /** Writes a concept set as Glassbox JSON, atomically. */
  public static void write(Path file, ConceptSet set) throws IOException {
    AtomicFiles.write(file, Json.bytes(toJson(set)));
  }
}
