package dev.glassbox.sources.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.Json;
import dev.glassbox.util.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * LLM answers on disk, one JSON file per request, so a rerun with the same settings sends nothing
 * and gives the same concepts. Each entry is written atomically (temporary file, fsync, rename):
 * an interrupted run leaves every finished entry whole and no partial one. Entries record their
 * key, and a reader refuses an entry whose recorded key differs or whose format is newer.
 *
 * <p>Layout: {@code <dir>/<first two hex digits>/<sha256 of the key>.json}.
 */
public final class ResponseCache {
  public static final String FORMAT = "glassbox-llm-cache";
  public static final int FORMAT_VERSION = 1;

  private final Path dir;

  /**
   * What an answer depends on.
   *
   * @param model model name
   * @param templateHash {@link PromptTemplate#hash()}
   * @param temperature sampling temperature
   * @param maxTokens completion budget (a smaller budget truncates answers, so it is part of the key)
   * @param className the class
   * @param sample 0-based sample index
   */
  public record Key(String model, String templateHash, double temperature, int maxTokens, String className, int sample) {
    public String hash() {
      MessageDigest md = Hashing.sha256();
      Hashing.update(md, model);
      Hashing.update(md, templateHash);
      Hashing.update(md, Double.doubleToLongBits(temperature));
      Hashing.update(md, maxTokens);
      Hashing.update(md, className);
      Hashing.update(md, sample);
      return Hashing.hex(md.digest());
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", model);
      m.put("templateHash", templateHash);
      m.put("temperature", temperature);
      m.put("maxTokens", maxTokens);
      m.put("class", className);
      m.put("sample", sample);
      return m;
    }
  }

  public ResponseCache(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  public Path dir() {
    return dir;
  }

  /** The file an entry lives in. */
  public Path file(Key key) {
    String h = key.hash();
    return dir.resolve(h.substring(0, 2)).resolve(h + ".json");
  }

  /** The cached answer for {@code key}, if any. */
  public Optional<String> get(Key key) {
    Path f = file(key);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    JsonNode n;
    try {
      n = Json.read(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read LLM cache entry " + f + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("LLM cache entry " + f + " is damaged (" + e.getMessage() + "); delete it to ask again", e);
    }
    int version = n.path("formatVersion").asInt(-1);
    if (!FORMAT.equals(n.path("format").asText()) || version < 1) {
      throw new IllegalStateException("LLM cache entry " + f + " is not a " + FORMAT + " file; delete it to ask again");
    }
    if (version > FORMAT_VERSION) {
      throw new IllegalStateException("LLM cache entry " + f + " has format version " + version + ", newer than this Glassbox reads ("
          + FORMAT_VERSION + "); use a newer Glassbox or another cache directory");
    }
    if (!Json.MAPPER.valueToTree(key.toJson()).equals(n.get("key")) || !n.path("response").isTextual()) {
      throw new IllegalStateException("LLM cache entry " + f + " does not hold the answer for " + key + "; delete it to ask again");
    }
    return Optional.of(n.get("response").asText());
  }

  /** Stores the answer for {@code key}, atomically. */
  public void put(Key key, String response) {
    Path f = file(key);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("formatVersion", FORMAT_VERSION);
    m.put("key", key.toJson());
    m.put("response", response);
    try {
      Files.createDirectories(f.getParent());
      AtomicFiles.write(f, Json.bytes(m));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write LLM cache entry " + f + ": " + e.getMessage(), e);
    }
  }
}
