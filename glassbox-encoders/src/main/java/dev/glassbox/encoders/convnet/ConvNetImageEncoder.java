package dev.glassbox.encoders.convnet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.encode.convnet.ConvNet;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.encoders.image.ClipPreprocessor;
import dev.glassbox.encoders.image.Interpolation;
import dev.glassbox.encoders.image.PreprocessConfig;
import dev.glassbox.encoders.image.ResizeMode;
import dev.glassbox.io.Json;
import dev.glassbox.io.Safetensors;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.util.Hashing;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image tower trained by Glassbox's alignment trainer (a {@link ConvNetSpec} network whose batch
 * norms are folded into its convolutions), run in plain Java by {@link ConvNet}: no deep-learning
 * runtime is needed to embed images. Reads a directory holding {@value #ARCHITECTURE_FILE} (the
 * spec as JSON) and {@value #WEIGHTS_FILE} (safetensors, F32 or F16), or the same two files as bytes
 * (class-path resources).
 *
 * <p>Images of the network's input size go straight in; others are resized on their shorter side
 * (bicubic, as PIL) and centre-cropped first, as CLIP's preprocessing does. The identity is the
 * given name, the SHA-256 of the weights file's bytes and the embedding dimension.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConvNetImageEncoder implements ImageEncoder {
  /** The architecture file of a model directory. */
  public static final String ARCHITECTURE_FILE = "architecture.json";
  /** The weights file of a model directory. */
  public static final String WEIGHTS_FILE = "weights.safetensors";

  private final ConvNet network;
  private final EncoderIdentity identity;
  private final ClipPreprocessor resizer;

  private ConvNetImageEncoder(ConvNet network, EncoderIdentity identity) {
    this.network = network;
    this.identity = identity;
    ConvNetSpec spec = network.spec();
    this.resizer = new ClipPreprocessor(new PreprocessConfig(spec.inputSize(), ResizeMode.SHORTEST_EDGE_CENTER_CROP,
        Interpolation.BICUBIC, spec.mean(), spec.std()));
  }

  /** Opens the model in {@code dir} ({@value #ARCHITECTURE_FILE} and {@value #WEIGHTS_FILE}). */
  public static ConvNetImageEncoder open(Path dir, String name) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "is not a directory holding " + ARCHITECTURE_FILE + " and " + WEIGHTS_FILE);
    }
    return open(dir.resolve(ARCHITECTURE_FILE), dir.resolve(WEIGHTS_FILE), name);
  }

  /** Opens a model from its architecture JSON and its safetensors weights. */
  public static ConvNetImageEncoder open(Path architecture, Path weights, String name) throws IOException {
    for (Path p : List.of(architecture, weights)) {
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString(), null,
            "no such file; an image-tower directory holds " + ARCHITECTURE_FILE + " and " + WEIGHTS_FILE);
      }
    }
    return fromBytes(Files.readAllBytes(architecture), architecture.toString(), Files.readAllBytes(weights), weights.toString(), name);
  }

  /**
   * Builds the encoder from the two files' bytes; {@code architectureSource} and
   * {@code weightsSource} name them in messages.
   */
  public static ConvNetImageEncoder fromBytes(
      byte[] architecture, String architectureSource, byte[] weights, String weightsSource, String name) throws IOException {
    ConvNetSpec spec = readSpec(architecture, architectureSource);
    Safetensors.Contents contents = Safetensors.read(weights, weightsSource);
    String format = contents.metadata().get("format");
    if (format != null && !format.equals(ConvNetSpec.FORMAT)) {
      throw new IllegalArgumentException(weightsSource + " holds weights of format '" + format + "', not a Glassbox convnet ("
          + ConvNetSpec.FORMAT + ")");
    }
    ConvNet net = new ConvNet(spec, contents.tensors(), weightsSource);
    String sha = Hashing.hex(Hashing.sha256().digest(weights));
    return new ConvNetImageEncoder(net, new EncoderIdentity(name, sha, spec.embeddingDim()));
  }

  /** Parses an architecture JSON; names the source and the field on any problem. */
  public static ConvNetSpec readSpec(byte[] json, String source) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: "
          + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? Json.problem(j) : e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(source + " is not a JSON object; expected a Glassbox convnet architecture");
    }
    Map<String, Object> m = Json.toMap(node);
    return ConvNetSpec.fromJson(m, source);
  }

  @Override
  public EncoderIdentity identity() {
    return identity;
  }

  /** The network (spec and inference weights). */
  public ConvNet network() {
    return network;
  }

  /** The network's input for one image: normalised {@code [3 × size × size]}. */
  public float[] input(BufferedImage image) {
    int size = network.spec().inputSize();
    if (image.getWidth() == size && image.getHeight() == size) {
      float[] out = new float[network.inputLength()];
      ConvNet.normalize(ConvNet.rgbPlanes(image, size), 0, network.spec(), out, 0);
      return out;
    }
    return resizer.tensor(image);
  }

  @Override
  public FloatMatrix encode(List<BufferedImage> images) {
    int len = network.inputLength();
    int chunk = 64;
    int dim = network.spec().embeddingDim();
    FloatMatrix out = FloatMatrix.zeros(images.size(), dim);
    float[] input = new float[Math.min(chunk, Math.max(1, images.size())) * len];
    for (int start = 0; start < images.size(); start += chunk) {
      int n = Math.min(chunk, images.size() - start);
      for (int i = 0; i < n; i++) {
        System.arraycopy(input(images.get(start + i)), 0, input, i * len, len);
      }
      FloatMatrix part = network.forward(input, n);
      System.arraycopy(part.data(), 0, out.data(), start * dim, n * dim);
    }
    return out;
  }
}
