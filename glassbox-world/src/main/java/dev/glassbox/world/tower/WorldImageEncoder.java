package dev.glassbox.world.tower;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.encoders.convnet.ConvNetImageEncoder;
import dev.glassbox.io.Json;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.util.Hashing;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The concept world's image tower as shipped with Glassbox: a small CNN trained by
 * {@link ImageTowerTrainer} to map rendered birds into the space of the all-MiniLM-L6-v2 text
 * tower, read from the class path ({@value #RESOURCE_DIR}) and run in plain Java. Its identity is
 * {@value #NAME} with the SHA-256 of its weights; loading checks that SHA-256 against the one its
 * metadata records, so a damaged or swapped file is refused.
 *
 * <p>Regenerate the weights with {@code glassbox world train-encoder} (the metadata records the
 * exact command). Immutable and thread-safe.
 */
public final class WorldImageEncoder implements ImageEncoder {
  /** The encoder's name in {@link EncoderIdentity}. */
  public static final String NAME = "glassbox-world-image-v1";
  /** Where the shipped model directory sits on the class path. */
  public static final String RESOURCE_DIR = "/dev/glassbox/world/image-tower/";

  private final ConvNetImageEncoder encoder;
  private final Map<String, Object> metadata;

  private WorldImageEncoder(ConvNetImageEncoder encoder, Map<String, Object> metadata) {
    this.encoder = encoder;
    this.metadata = metadata;
  }

  /** Loads the shipped tower from the class path. */
  public static WorldImageEncoder load() {
    try {
      byte[] arch = resource(ConvNetImageEncoder.ARCHITECTURE_FILE);
      byte[] weights = resource(ConvNetImageEncoder.WEIGHTS_FILE);
      byte[] meta = resource(ImageTowerTrainer.METADATA_FILE);
      return of(arch, weights, meta, "classpath:" + RESOURCE_DIR);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped image tower at classpath:" + RESOURCE_DIR + ": " + e.getMessage(), e);
    }
  }

  /** Loads a tower directory written by {@link ImageTowerTrainer} (to try regenerated weights). */
  public static WorldImageEncoder open(Path dir) throws IOException {
    Path meta = dir.resolve(ImageTowerTrainer.METADATA_FILE);
    if (!Files.isRegularFile(meta)) {
      throw new java.nio.file.NoSuchFileException(meta.toString(), null,
          "no such file; a world image-tower directory holds " + ConvNetImageEncoder.ARCHITECTURE_FILE + ", "
              + ConvNetImageEncoder.WEIGHTS_FILE + " and " + ImageTowerTrainer.METADATA_FILE);
    }
    ConvNetImageEncoder.open(dir, NAME).close();
    return of(Files.readAllBytes(dir.resolve(ConvNetImageEncoder.ARCHITECTURE_FILE)),
        Files.readAllBytes(dir.resolve(ConvNetImageEncoder.WEIGHTS_FILE)), Files.readAllBytes(meta), dir + "/");
  }

  private static WorldImageEncoder of(byte[] arch, byte[] weights, byte[] meta, String where) throws IOException {
    JsonNode m;
    try {
      m = Json.MAPPER.readTree(meta);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ImageTowerTrainer.METADATA_FILE + " is not valid JSON: " + e.getMessage());
    }
    if (m == null || !m.isObject()) {
      throw new IllegalArgumentException(where + ImageTowerTrainer.METADATA_FILE + " is not a JSON object");
    }
    int version = m.path("formatVersion").asInt(0);
    if (version > ImageTowerTrainer.FORMAT_VERSION) {
      throw new IllegalArgumentException(where + ImageTowerTrainer.METADATA_FILE + " has image-tower format version " + version
          + ", newer than the " + ImageTowerTrainer.FORMAT_VERSION + " this Glassbox reads; upgrade Glassbox");
    }
    String expected = m.path("weightsSha256").asText("");
    String actual = Hashing.hex(Hashing.sha256().digest(weights));
    if (!expected.equals(actual)) {
      throw new IllegalStateException(where + ConvNetImageEncoder.WEIGHTS_FILE + " has SHA-256 " + actual + " but "
          + ImageTowerTrainer.METADATA_FILE + " records " + (expected.isEmpty() ? "none" : expected)
          + "; the weights are damaged or do not belong to this metadata — regenerate them with 'glassbox world train-encoder'");
    }
    String name = m.path("name").asText(NAME);
    ConvNetImageEncoder enc = ConvNetImageEncoder.fromBytes(arch, where + ConvNetImageEncoder.ARCHITECTURE_FILE, weights,
        where + ConvNetImageEncoder.WEIGHTS_FILE, name);
    return new WorldImageEncoder(enc, Json.toMap(m));
  }

  private static byte[] resource(String file) throws IOException {
    try (InputStream in = WorldImageEncoder.class.getResourceAsStream(RESOURCE_DIR + file)) {
      if (in == null) {
        throw new java.nio.file.NoSuchFileException("classpath:" + RESOURCE_DIR + file, null,
            "is missing from glassbox-world's resources; rebuild glassbox-world or regenerate the tower with 'glassbox world train-encoder'");
      }
      return in.readAllBytes();
    }
  }

  @Override
  public EncoderIdentity identity() {
    return encoder.identity();
  }

  @Override
  public FloatMatrix encode(List<BufferedImage> images) {
    return encoder.encode(images);
  }

  /** The training record: command, seeds, world configs, data sizes, epochs, held-out metrics. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** The underlying plain-Java encoder. */
  public ConvNetImageEncoder convNet() {
    return encoder;
  }
}
