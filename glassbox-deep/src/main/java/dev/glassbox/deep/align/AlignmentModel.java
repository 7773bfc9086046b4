package dev.glassbox.deep.align;

import dev.glassbox.encode.convnet.ConvNet;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.Json;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.io.Safetensors;
import dev.glassbox.model.Provenance;
import dev.glassbox.util.Configs;
import dev.glassbox.util.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained image tower and how it was trained: the inference network (batch norms folded, runs
 * in plain Java through {@link ConvNet}), the config, the per-epoch log and the data it saw.
 * Immutable.
 *
 * @param network the inference network
 * @param config the trainer's settings
 * @param log one report per epoch
 * @param logitScale the final {@code 1/τ}
 * @param trainImages training images
 * @param heldOutImages held-out images (0 when none)
 * @param captions distinct captions (rows of the caption table)
 * @param dataFingerprint SHA-256 over the training images, caption lists and caption embeddings
 * @param seconds wall time of the whole fit
 */
public record AlignmentModel(
    ConvNet network, AlignmentConfig config, List<EpochReport> log, double logitScale, int trainImages,
    int heldOutImages, int captions, String dataFingerprint, double seconds) {

  /** The weights file name inside a saved model directory. */
  public static final String WEIGHTS_FILE = "weights.safetensors";
  /** The architecture file name inside a saved model directory. */
  public static final String ARCHITECTURE_FILE = "architecture.json";
  /** The training record file name inside a saved model directory. */
  public static final String TRAINING_FILE = "training.json";

  public AlignmentModel {
    log = List.copyOf(log);
  }

  public ConvNetSpec spec() {
    return network.spec();
  }

  /** The last epoch's report. */
  public EpochReport last() {
    return log.get(log.size() - 1);
  }

  /**
   * Writes {@link #WEIGHTS_FILE} (inference weights as {@code dtype}: F32, or F16 to halve the
   * size), {@link #ARCHITECTURE_FILE} and {@link #TRAINING_FILE} (config, log, data sizes,
   * provenance and {@code extra}) into {@code dir}, each atomically. Returns the SHA-256 of the
   * weights file.
   */
  public String save(Path dir, NpyDtype dtype, Map<String, Object> extra) throws IOException {
    Files.createDirectories(dir);
    Path weights = dir.resolve(WEIGHTS_FILE);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", ConvNetSpec.FORMAT);
    meta.put("formatVersion", Integer.toString(ConvNetSpec.FORMAT_VERSION));
    Safetensors.write(weights, network.tensors(), meta, dtype);
    String sha = sha256(weights);
    AtomicFiles.write(dir.resolve(ARCHITECTURE_FILE), Json.bytes(spec().toJson()));
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("trainer", "AlignmentTrainer (CLIP/LiT contrastive loss, frozen text tower)");
    Provenance.BuildInfo b = Provenance.BuildInfo.current();
    t.put("glassboxVersion", b.version());
    t.put("glassboxCommit", b.commit());
    t.put("java", System.getProperty("java.version"));
    t.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    t.put("weightsSha256", sha);
    t.put("weightsDtype", dtype.name());
    t.put("parameters", spec().parameterCount());
    t.put("config", Configs.toMap(config));
    t.put("trainImages", trainImages);
    t.put("heldOutImages", heldOutImages);
    t.put("captions", captions);
    t.put("dataFingerprint", dataFingerprint);
    t.put("seconds", seconds);
    t.put("logitScale", logitScale);
    List<Object> epochs = new ArrayList<>();
    for (EpochReport r : log) {
      epochs.add(Configs.toMap(r));
    }
    t.put("epochs", epochs);
    if (extra != null) {
      t.putAll(extra);
    }
    AtomicFiles.write(dir.resolve(TRAINING_FILE), Json.bytes(t));
    return sha;
  }

  /** SHA-256 of a file, hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = Hashing.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return Hashing.hex(md.digest());
  }
}
