package dev.glassbox.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The JSON settings every Glassbox file uses: pretty-printed, key order kept, strict parsing. The
 * JDK's immutable maps ({@code Map.of}, {@code Map.copyOf}) iterate in an order salted afresh in
 * every JVM, so they are written with their keys sorted: two identical runs write identical bytes.
 */
public final class Json {
  /** The class of the JDK's immutable maps of two or more entries, whose order is salted per JVM. */
  @SuppressWarnings("rawtypes")
  private static final Class<? extends Map> SALTED_MAP = Map.of("a", 0, "b", 1).getClass();

  /** Configured once here and never reconfigured; Jackson mappers are thread-safe for use. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .registerModule(sortedImmutableMaps());

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static SimpleModule sortedImmutableMaps() {
    SimpleModule m = new SimpleModule("glassbox-sorted-immutable-maps");
    m.addSerializer((Class) SALTED_MAP, new StdSerializer<Map<?, ?>>((Class) SALTED_MAP) {
      @Override
      public void serialize(Map<?, ?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        provider.defaultSerializeValue(sorted(value), gen);
      }
    });
    return m;
  }

  /** The map with its keys in sorted order, or in string order when they are not mutually comparable. */
  static Map<?, ?> sorted(Map<?, ?> map) {
    try {
      return new TreeMap<>(map);
    } catch (ClassCastException e) {
      TreeMap<String, Object> byString = new TreeMap<>();
      map.forEach((k, v) -> byString.put(String.valueOf(k), v));
      return byString;
    }
  }

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
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + problem(e));
    }
  }

  /** Jackson's "[Source: REDACTED (…); line: 1, column: 14]" inside a message, which users should not see. */
  private static final Pattern SOURCE_LOCATION =
      Pattern.compile("\\[Source: [^;\\]]*(?:\\([^)]*\\))?[^;\\]]*; line: (\\d+), column: (\\d+)\\]");

  /**
   * What is wrong with a JSON text, for a user: Jackson's message without its internal source
   * description ("start marker at line 1, column 14"), then where it went wrong.
   */
  public static String problem(JsonProcessingException e) {
    String msg = e.getOriginalMessage() == null ? "malformed JSON" : SOURCE_LOCATION.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
    return msg + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
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
