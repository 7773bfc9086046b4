package dev.glassbox.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON settings every Glassbox file uses: pretty-printed, key order kept, strict parsing. */
public final class Json {
  /** Configured once here and never reconfigured; Jackson mappers are thread-safe for use. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + " to JSON", e);
    }
  }

  public static String string(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + " to JSON", e);
    }
  }

  /** Parses a JSON file; a missing file or malformed JSON gives an error naming the file. */
  public static JsonNode read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    try {
      JsonNode n = MAPPER.readTree(file.toFile());
      if (n == null || n.isMissingNode()) {
        throw new IllegalArgumentException(file + " is empty; expected JSON");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    }
  }

  /** A JSON object as an ordered map of plain Java values. */
  public static Map<String, Object> toMap(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new LinkedHashMap<>();
    }
    return MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  public static List<Object> toList(JsonNode node) {
    return MAPPER.convertValue(node, new TypeReference<List<Object>>() {});
  }
}
