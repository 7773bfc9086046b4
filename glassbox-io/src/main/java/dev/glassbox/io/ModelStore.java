package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.bottleneck.Bottleneck;
import dev.glassbox.bottleneck.Bottlenecks;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.head.LinearHead;
import dev.glassbox.math.Tensor;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Provenance;
import dev.glassbox.util.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model artifact: a directory holding {@code manifest.json} (format version, classes, concepts,
 * the bottleneck's kind and settings, tensor shapes and the SHA-256 of the tensor file, provenance)
 * and {@code tensors.safetensors}. Saving is atomic (a sibling directory is written, forced to disk
 * and renamed). Loading never executes code; it checks the format version, the checksum and every
 * shape, and each failure names the file and what is wrong.
 */
public final class ModelStore {
  public static final String FORMAT = "glassbox-model";
  /** The artifact format this build writes; it reads this and every older version. */
  public static final int FORMAT_VERSION = 1;
  public static final String MANIFEST = "manifest.json";
  public static final String TENSORS = "tensors.safetensors";

  private ModelStore() {}

  /** Saves {@code model} to directory {@code dir}; an existing directory is replaced only when {@code replace}. */
  public static void save(ConceptBottleneckModel model, Path dir, boolean replace) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    model.bottleneck().tensors().forEach((k, v) -> tensors.put("bottleneck." + k, v));
    model.head().tensors().forEach((k, v) -> tensors.put("head." + k, v));
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String bad = nonFinite(e.getKey(), e.getValue());
      if (bad != null) {
        throw new IllegalArgumentException("cannot save the model to " + dir + ": " + bad + "; a model with NaN or infinite weights "
            + "gives NaN or infinite logits");
      }
    }
    AtomicFiles.writeDirectory(dir, replace, tmp -> {
      Path tf = tmp.resolve(TENSORS);
      Safetensors.write(tf, tensors, Map.of("format", FORMAT, "formatVersion", Integer.toString(FORMAT_VERSION)));
      Map<String, Object> manifest = manifest(model, tensors, sha256(tf), Files.size(tf));
      AtomicFiles.write(tmp.resolve(MANIFEST), Json.bytes(manifest));
    });
  }

  private static Map<String, Object> manifest(ConceptBottleneckModel model, Map<String, Tensor> tensors, String sha, long bytes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("formatVersion", FORMAT_VERSION);
    m.put("classes", model.classNames());
    m.put("concepts", ConceptSetFiles.conceptList(model.concepts()));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("kind", model.bottleneck().kind());
    b.put("inputDim", model.bottleneck().inputDim());
    b.put("config", model.bottleneck().config());
    m.put("bottleneck", b);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("kind", "linear");
    h.put("residual", model.head().residual() != null);
    m.put("head", h);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("file", TENSORS);
    t.put("sha256", sha);
    t.put("bytes", bytes);
    Map<String, Object> shapes = new LinkedHashMap<>();
    tensors.forEach((k, v) -> shapes.put(k, v.shape()));
    t.put("shapes", shapes);
    m.put("tensors", t);
    m.put("provenance", provenanceToJson(model.provenance()));
    return m;
  }

  /** Loads and verifies a model artifact. */
  public static ConceptBottleneckModel load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, Files.exists(dir) ? "is not a model directory" : "no such model directory");
    }
    Path mf = dir.resolve(MANIFEST);
    if (!Files.exists(mf)) {
      throw new ModelFormatException(mf, "is missing: " + dir + " is not a Glassbox model (or it was not saved completely)");
    }
    JsonNode m;
    try {
      m = Json.read(mf);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(mf, "is not valid JSON: " + e.getMessage());
    }
    if (!FORMAT.equals(m.path("format").asText())) {
      throw new ModelFormatException(mf, "is not a Glassbox model manifest (format is '" + m.path("format").asText() + "', expected '" + FORMAT + "')");
    }
    int version = m.path("formatVersion").asInt(-1);
    if (version < 1) {
      throw new ModelFormatException(mf, "has no valid formatVersion");
    }
    if (version > FORMAT_VERSION) {
      throw new ModelFormatException(mf, "has model format version " + version + ", newer than this Glassbox reads (" + FORMAT_VERSION
          + "); upgrade Glassbox to load it");
    }
    JsonNode tinfo = m.path("tensors");
    String tname = tinfo.path("file").asText(TENSORS);
    if (tname.contains("/") || tname.contains("\\") || tname.startsWith(".")) {
      throw new ModelFormatException(mf, "names tensor file '" + tname + "', which is not a plain file name in the model directory");
    }
    Path tf = dir.resolve(tname);
    if (!Files.exists(tf)) {
      throw new ModelFormatException(tf, "is missing: the model's weights are not there");
    }
    long expectedBytes = tinfo.path("bytes").asLong(-1);
    long actualBytes = Files.size(tf);
    if (expectedBytes >= 0 && expectedBytes != actualBytes) {
      throw new ModelFormatException(tf, "has " + actualBytes + " bytes but the manifest recorded " + expectedBytes
          + (actualBytes < expectedBytes ? " (the file is truncated)" : " (the file was changed)"));
    }
    String expectedSha = tinfo.path("sha256").asText("");
    String actualSha = sha256(tf);
    if (!expectedSha.equals(actualSha)) {
      throw new ModelFormatException(tf, "fails its checksum: SHA-256 is " + actualSha + " but the manifest recorded " + expectedSha
          + "; the file is corrupt or was modified");
    }
    Safetensors.Contents contents;
    try {
      contents = Safetensors.read(tf);
    } catch (NpyFormatException e) {
      throw new ModelFormatException(tf, "cannot be read: " + e.getMessage());
    }
    JsonNode shapes = tinfo.path("shapes");
    for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
      JsonNode s = shapes.path(e.getKey());
      int[] expected = new int[s.size()];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = s.get(i).asInt();
      }
      if (!Arrays.equals(expected, e.getValue().shape())) {
        throw new ModelFormatException(tf, "tensor '" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape())
            + " but the manifest recorded " + Arrays.toString(expected));
      }
    }
    for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
      String bad = nonFinite(e.getKey(), e.getValue());
      if (bad != null) {
        throw new ModelFormatException(tf, "does not hold a valid model: " + bad);
      }
    }
    List<String> classes = new ArrayList<>();
    m.path("classes").forEach(c -> classes.add(c.asText()));
    ConceptSet concepts = ConceptSetFiles.fromList(m.path("concepts"), mf);
    Map<String, Tensor> bt = new LinkedHashMap<>();
    Map<String, Tensor> ht = new LinkedHashMap<>();
    contents.tensors().forEach((k, v) -> {
      if (k.startsWith("bottleneck.")) {
        bt.put(k.substring("bottleneck.".length()), v);
      } else if (k.startsWith("head.")) {
        ht.put(k.substring("head.".length()), v);
      }
    });
    Bottleneck bottleneck;
    LinearHead head;
    try {
      bottleneck = Bottlenecks.restore(m.path("bottleneck").path("kind").asText(), Json.toMap(m.path("bottleneck").path("config")), bt);
      head = LinearHead.restore(ht);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(tf, "does not hold a valid model: " + e.getMessage());
    }
    if (concepts.size() != bottleneck.numConcepts() || concepts.size() != head.numConcepts()) {
      throw new ModelFormatException(mf, "lists " + concepts.size() + " concepts but the tensors hold " + bottleneck.numConcepts()
          + " bottleneck rows and " + head.numConcepts() + " head columns; the manifest and tensors do not belong together");
    }
    if (classes.size() != head.numClasses()) {
      throw new ModelFormatException(mf, "lists " + classes.size() + " classes but tensor head.weight has " + head.numClasses() + " rows");
    }
    try {
      return new ConceptBottleneckModel(classes, concepts, bottleneck, head, provenanceFromJson(m.path("provenance")));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(mf, "describes an inconsistent model: " + e.getMessage());
    }
  }

  /**
   * "tensor 'head.weight' holds Infinity at [2, 18]" for the first NaN or infinite value of
   * {@code t} (its index per dimension), or null when every value is finite.
   */
  static String nonFinite(String name, Tensor t) {
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      if (!Float.isFinite(d[i])) {
        int[] shape = t.shape();
        int[] at = new int[shape.length];
        for (int r = shape.length - 1, rest = i; r >= 0; r--) {
          at[r] = rest % shape[r];
          rest /= shape[r];
        }
        return "tensor '" + name + "' holds " + d[i] + " at " + Arrays.toString(at);
      }
    }
    return null;
  }

  /** The manifest of a model directory as plain JSON (for {@code glassbox inspect}). */
  public static JsonNode manifest(Path dir) throws IOException {
    return Json.read(dir.resolve(MANIFEST));
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = Hashing.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // Reading feeds the digest.
      }
    }
    return Hashing.hex(md.digest());
  }

  public static Map<String, Object> provenanceToJson(Provenance p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("glassboxVersion", p.glassboxVersion());
    m.put("glassboxCommit", p.glassboxCommit());
    m.put("java", p.java());
    m.put("os", p.os());
    m.put("createdAt", p.createdAt());
    m.put("method", p.method());
    m.put("seed", p.seed());
    m.put("datasetFingerprint", p.datasetFingerprint());
    m.put("conceptSetHash", p.conceptSetHash());
    m.put("encoder", p.encoder() == null ? null : encoderToJson(p.encoder()));
    m.put("config", p.config());
    m.put("metrics", p.metrics());
    m.put("edits", p.edits());
    return m;
  }

  static Map<String, Object> encoderToJson(EncoderIdentity e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put("sha256", e.sha256());
    m.put("dim", e.dim());
    return m;
  }

  static EncoderIdentity encoderFromJson(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    return new EncoderIdentity(n.path("name").asText(null), n.path("sha256").asText(""), n.path("dim").asInt());
  }

  @SuppressWarnings("unchecked")
  static Provenance provenanceFromJson(JsonNode n) {
    List<Map<String, Object>> edits = new ArrayList<>();
    for (Object o : Json.toList(n.path("edits").isMissingNode() ? Json.MAPPER.createArrayNode() : n.path("edits"))) {
      edits.add((Map<String, Object>) o);
    }
    return new Provenance(n.path("glassboxVersion").asText("unknown"), n.path("glassboxCommit").asText("unknown"),
        n.path("java").asText(""), n.path("os").asText(""), n.path("createdAt").asText(""), n.path("method").asText("unknown"),
        Json.toMap(n.path("config")), n.path("seed").asLong(0), n.path("datasetFingerprint").asText(""),
        n.path("conceptSetHash").asText(""), encoderFromJson(n.path("encoder")), edits, Json.toMap(n.path("metrics")));
  }
}
