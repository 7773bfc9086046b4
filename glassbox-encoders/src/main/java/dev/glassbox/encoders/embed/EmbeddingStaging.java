package dev.glassbox.encoders.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glassbox.encoders.image.ImageDecodeException.Reason;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.Json;
import dev.glassbox.io.NpyRowFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The staging directory of a resumable embedding run, beside the output ({@code OUT.partial/}):
 * <pre>
 * staging.json    what the run embeds: the job key (inputs, encoder, batch size, decoder limits)
 * rows.npy        [items × dim] float32, row i for item i, written in place batch by batch
 * journal.jsonl   one line per finished batch: {"batch": b, "skipped": [{index, reason, message}]}
 * </pre>
 * A batch's rows are forced to disk before its journal line is appended and forced, so every batch
 * the journal names is on disk whatever kill came after. A torn last journal line (a kill in the
 * middle of an append) is dropped; the batch is simply run again. {@code staging.json} is written
 * last when the directory is created, so a directory without it is an unfinished creation and is
 * started afresh.
 */
final class EmbeddingStaging implements AutoCloseable {
  static final String FORMAT = "glassbox-embed-staging";
  static final int FORMAT_VERSION = 1;
  static final String STATE = "staging.json";
  static final String ROWS = "rows.npy";
  static final String JOURNAL = "journal.jsonl";

  /** A skipped image as the journal stores it. */
  record Skip(int index, Reason reason, String message) {}

  private final Path dir;
  private final String key;
  private final NpyRowFile rows;
  private final FileChannel journal;
  private final BitSet done;
  private final List<Skip> skips;

  private EmbeddingStaging(Path dir, String key, NpyRowFile rows, FileChannel journal, BitSet done, List<Skip> skips) {
    this.dir = dir;
    this.key = key;
    this.rows = rows;
    this.journal = journal;
    this.done = done;
    this.skips = skips;
  }

  /** {@code OUT.partial} beside {@code out}. */
  static Path dirFor(Path out) {
    Path abs = out.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".partial");
  }

  /**
   * Opens the staging directory for {@code state} (which must hold "key", "items", "dim" and
   * "batches"), creating it when absent or unfinished. An existing directory made for another job
   * is refused, naming what differs, unless {@code restart} is set (then it is started afresh).
   */
  static EmbeddingStaging open(Path dir, Map<String, Object> state, boolean restart) throws IOException {
    int items = (Integer) state.get("items");
    int dim = (Integer) state.get("dim");
    int batches = (Integer) state.get("batches");
    Path stateFile = dir.resolve(STATE);
    if (Files.exists(dir) && Files.exists(stateFile) && !restart) {
      JsonNode old = Json.read(stateFile);
      if (!Objects.equals(old.path("key").asText(), state.get("key"))) {
        throw new IllegalArgumentException("the staging directory " + dir + " holds an interrupted run of another job ("
            + differences(old, state) + "); pass --restart to discard it, or remove it");
      }
      return resume(dir, (String) state.get("key"), items, dim, batches);
    }
    AtomicFiles.deleteTree(dir);
    Files.createDirectories(dir);
    NpyRowFile rows = NpyRowFile.create(dir.resolve(ROWS), items, dim);
    try {
      FileChannel journal = FileChannel.open(dir.resolve(JOURNAL), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      journal.force(true);
      AtomicFiles.write(stateFile, Json.bytes(state));
      return new EmbeddingStaging(dir, (String) state.get("key"), rows, journal, new BitSet(batches), new ArrayList<>());
    } catch (IOException | RuntimeException e) {
      rows.close();
      throw e;
    }
  }

  private static String differences(JsonNode old, Map<String, Object> now) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : now.entrySet()) {
      if (e.getKey().equals("key") || e.getKey().equals("format") || e.getKey().equals("formatVersion")) {
        continue;
      }
      JsonNode was = old.path(e.getKey());
      String nowText = e.getValue() instanceof Map ? Json.MAPPER.valueToTree(e.getValue()).toString() : String.valueOf(e.getValue());
      String wasText = was.isValueNode() ? was.asText() : was.toString();
      if (!nowText.equals(wasText)) {
        out.add(e.getKey() + " was " + wasText + ", now " + nowText);
      }
    }
    return out.isEmpty() ? "its key differs" : String.join("; ", out);
  }

  private static EmbeddingStaging resume(Path dir, String key, int items, int dim, int batches) throws IOException {
    Path journalFile = dir.resolve(JOURNAL);
    byte[] bytes = Files.exists(journalFile) ? Files.readAllBytes(journalFile) : new byte[0];
    BitSet done = new BitSet(batches);
    List<Skip> skips = new ArrayList<>();
    int start = 0;
    int lineNo = 0;
    long goodEnd = 0;
    while (start < bytes.length) {
      int nl = start;
      while (nl < bytes.length && bytes[nl] != '\n') {
        nl++;
      }
      lineNo++;
      if (nl == bytes.length) {
        // No newline: the append was cut by the kill; the batch is run again.
        break;
      }
      String line = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
      try {
        JsonNode n = Json.MAPPER.readTree(line);
        int b = n.path("batch").asInt(-1);
        if (b < 0 || b >= batches) {
          throw new IllegalArgumentException("batch " + b + " is outside [0, " + batches + ")");
        }
        List<Skip> lineSkips = new ArrayList<>();
        for (JsonNode s : n.path("skipped")) {
          int index = s.path("index").asInt(-1);
          if (index < 0 || index >= items) {
            throw new IllegalArgumentException("skipped item " + index + " is outside [0, " + items + ")");
          }
          lineSkips.add(new Skip(index, Reason.valueOf(s.path("reason").asText()), s.path("message").asText()));
        }
        if (!done.get(b)) {
          done.set(b);
          skips.addAll(lineSkips);
        }
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(journalFile + " line " + lineNo + " is damaged (" + e.getMessage()
            + "); pass --restart to discard the staging directory", e);
      }
      goodEnd = nl + 1;
      start = nl + 1;
    }
    FileChannel journal = FileChannel.open(journalFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      journal.truncate(goodEnd);
      journal.position(goodEnd);
      journal.force(true);
      NpyRowFile rows = NpyRowFile.open(dir.resolve(ROWS), items, dim);
      return new EmbeddingStaging(dir, key, rows, journal, done, skips);
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  Path dir() {
    return dir;
  }

  /** The key of the job this directory stages. */
  String key() {
    return key;
  }

  /**
   * The job key recorded in the staging directory {@code dir}, or null when it has no readable
   * {@code staging.json} (absent, or an unfinished creation).
   */
  static String keyOf(Path dir) {
    Path stateFile = dir.resolve(STATE);
    if (!Files.isRegularFile(stateFile)) {
      return null;
    }
    try {
      String key = Json.read(stateFile).path("key").asText(null);
      return key == null || key.isEmpty() ? null : key;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  NpyRowFile rows() {
    return rows;
  }

  /** Whether the journal records batch {@code b} as finished. */
  boolean isDone(int b) {
    return done.get(b);
  }

  /** The skipped images recorded by finished batches, in journal order. */
  List<Skip> skips() {
    return skips;
  }

  /** Records batch {@code b} as finished: forces its rows, then appends and forces its journal line. */
  void commit(int b, List<Skip> batchSkips) throws IOException {
    rows.force();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("batch", b);
    List<Map<String, Object>> s = new ArrayList<>();
    for (Skip k : batchSkips) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", k.index());
      m.put("reason", k.reason().name());
      m.put("message", k.message());
      s.add(m);
    }
    line.put("skipped", s);
    byte[] bytes = (Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line) + "\n")
        .getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      journal.write(buf);
    }
    journal.force(false);
    done.set(b);
    skips.addAll(batchSkips);
  }

  @Override
  public void close() throws IOException {
    try {
      journal.close();
    } finally {
      rows.close();
    }
  }
}
