package dev.glassbox.encode.convnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The architecture of a small convolutional image tower, shared by the trainer (which builds it
 * with autograd) and by {@link ConvNet} (which runs it in plain Java): square RGB input of side
 * {@link #inputSize}, normalised per channel by {@code (x/255 − mean) / std}; then one stage per
 * {@link Stage}: a {@code kernel × kernel} convolution with stride and padding {@code kernel / 2},
 * batch normalisation (folded into the convolution's weights and bias for inference) and ReLU;
 * then global average pooling, a linear projection to {@link #embeddingDim} and L2 normalisation,
 * so that embeddings compare by cosine as CLIP's do.
 *
 * <p>Stored as JSON ({@link #toJson}, {@link #fromJson}) beside a safetensors file whose tensors
 * are named and shaped as {@link #tensorShapes()} says.
 *
 * @param inputSize the input side in pixels, in [16, 1024]
 * @param mean per-channel mean (R, G, B) of {@code x/255}, subtracted before the first layer
 * @param std per-channel standard deviation (R, G, B), each > 0, that the centred input is divided by
 * @param stages the convolution stages, at least one
 * @param embeddingDim the output dimension, ≥ 1 (the frozen text tower's dimension)
 */
public record ConvNetSpec(int inputSize, float[] mean, float[] std, List<Stage> stages, int embeddingDim) {
  /** The JSON {@code format} tag. */
  public static final String FORMAT = "glassbox-convnet";
  /** The format version this code writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;
  /** Input channels: RGB. */
  public static final int CHANNELS = 3;

  /**
   * One convolution stage: conv → batch norm → ReLU.
   *
   * @param outChannels output channels, in [1, 4096]
   * @param kernel odd kernel side, in [1, 7]; padding is {@code kernel / 2}
   * @param stride stride, in [1, 4]
   */
  public record Stage(int outChannels, int kernel, int stride) {
    public Stage {
      check(outChannels >= 1 && outChannels <= 4096, "stage outChannels", "in [1, 4096]", outChannels);
      check(kernel >= 1 && kernel <= 7 && kernel % 2 == 1, "stage kernel", "odd and in [1, 7]", kernel);
      check(stride >= 1 && stride <= 4, "stage stride", "in [1, 4]", stride);
    }

    public int pad() {
      return kernel / 2;
    }
  }

  public ConvNetSpec {
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(std, "std");
    Objects.requireNonNull(stages, "stages");
    check(inputSize >= 16 && inputSize <= 1024, "inputSize", "in [16, 1024]", inputSize);
    check(mean.length == CHANNELS, "mean", "3 values (R, G, B)", Arrays.toString(mean));
    check(std.length == CHANNELS && std[0] > 0 && std[1] > 0 && std[2] > 0, "std", "3 positive values (R, G, B)",
        Arrays.toString(std));
    check(!stages.isEmpty(), "stages", "at least one stage", stages);
    check(embeddingDim >= 1, "embeddingDim", "≥ 1", embeddingDim);
    mean = mean.clone();
    std = std.clone();
    // With padding kernel/2 every stage maps a side s ≥ 1 to ⌊(s − 1)/stride⌋ + 1 ≥ 1: no stack of
    // stages can shrink the map to nothing.
    stages = List.copyOf(stages);
  }

  private static void check(boolean ok, String name, String range, Object v) {
    if (!ok) {
      throw new IllegalArgumentException("convnet " + name + " must be " + range + ", got " + v);
    }
  }

  /**
   * The image tower Glassbox trains by default: five stride-2 3 × 3 stages of 16, 32, 64, 128 and
   * 256 channels take a 128 × 128 image to a 4 × 4 × 256 map (0.49 M parameters, under 1 MB as
   * float16, 21 M multiply–adds per image, so that training fits an hour on two CPU cores); input
   * statistics are ImageNet's, as torchvision's models use.
   */
  public static ConvNetSpec defaults(int embeddingDim) {
    return new ConvNetSpec(128, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f},
        strided(16, 32, 64, 128, 256), embeddingDim);
  }

  /** Stride-2 3 × 3 stages of the given widths. */
  public static List<Stage> strided(int... channels) {
    List<Stage> out = new ArrayList<>();
    for (int c : channels) {
      out.add(new Stage(c, 3, 2));
    }
    return out;
  }

  public ConvNetSpec withStages(List<Stage> v) {
    return new ConvNetSpec(inputSize, mean, std, v, embeddingDim);
  }

  public ConvNetSpec withInputSize(int v) {
    return new ConvNetSpec(v, mean, std, stages, embeddingDim);
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** Input channels of stage {@code i}: 3 for the first, the previous stage's output otherwise. */
  public int inChannels(int i) {
    return i == 0 ? CHANNELS : stages.get(i - 1).outChannels();
  }

  /** The side of stage {@code i}'s input feature map. */
  public int inSide(int i) {
    int side = inputSize;
    for (int j = 0; j < i; j++) {
      Stage s = stages.get(j);
      side = (side + 2 * s.pad() - s.kernel()) / s.stride() + 1;
    }
    return side;
  }

  /** Channels of the last feature map (the projection's input). */
  public int featureChannels() {
    return stages.get(stages.size() - 1).outChannels();
  }

  /** Name of stage {@code i}'s folded convolution weight, {@code [out × in × k × k]}. */
  public static String convWeight(int i) {
    return "stages." + i + ".weight";
  }

  /** Name of stage {@code i}'s folded bias, {@code [out]}. */
  public static String convBias(int i) {
    return "stages." + i + ".bias";
  }

  /** Name of the projection weight, {@code [embeddingDim × featureChannels]}. */
  public static final String PROJECTION_WEIGHT = "projection.weight";
  /** Name of the projection bias, {@code [embeddingDim]}. */
  public static final String PROJECTION_BIAS = "projection.bias";

  /** Every tensor of the inference weights with its shape, in a fixed order. */
  public Map<String, int[]> tensorShapes() {
    Map<String, int[]> m = new LinkedHashMap<>();
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      m.put(convWeight(i), new int[] {s.outChannels(), inChannels(i), s.kernel(), s.kernel()});
      m.put(convBias(i), new int[] {s.outChannels()});
    }
    m.put(PROJECTION_WEIGHT, new int[] {embeddingDim, featureChannels()});
    m.put(PROJECTION_BIAS, new int[] {embeddingDim});
    return m;
  }

  /** The number of inference parameters (folded). */
  public long parameterCount() {
    long n = 0;
    for (int[] shape : tensorShapes().values()) {
      long p = 1;
      for (int d : shape) {
        p *= d;
      }
      n += p;
    }
    return n;
  }

  /** Multiply–adds of one image's forward pass. */
  public long multiplyAdds() {
    long n = 0;
    int side = inputSize;
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      side = (side + 2 * s.pad() - s.kernel()) / s.stride() + 1;
      n += (long) side * side * s.outChannels() * inChannels(i) * s.kernel() * s.kernel();
    }
    return n + (long) embeddingDim * featureChannels();
  }

  /** This spec as a JSON-ready map (format tag and version first). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("formatVersion", FORMAT_VERSION);
    m.put("inputSize", inputSize);
    m.put("inputChannels", CHANNELS);
    m.put("mean", floats(mean));
    m.put("std", floats(std));
    m.put("block", "conv-batchnorm(folded)-relu");
    List<Object> st = new ArrayList<>();
    for (Stage s : stages) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("outChannels", s.outChannels());
      sm.put("kernel", s.kernel());
      sm.put("stride", s.stride());
      st.add(sm);
    }
    m.put("stages", st);
    m.put("pooling", "global-average");
    m.put("embeddingDim", embeddingDim);
    m.put("normalize", "l2");
    return m;
  }

  private static List<Object> floats(float[] v) {
    List<Object> out = new ArrayList<>();
    for (float x : v) {
      out.add((double) x);
    }
    return out;
  }

  /**
   * Reads a spec from its JSON map; {@code source} names the file in messages. Refuses another
   * format, a newer version, and missing or mistyped fields, naming the field.
   */
  public static ConvNetSpec fromJson(Map<String, Object> m, String source) {
    Object format = m.get("format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(source + " is not a Glassbox convnet architecture: its \"format\" is "
          + (format == null ? "missing" : "\"" + format + "\"") + ", expected \"" + FORMAT + "\"");
    }
    int version = intField(m, "formatVersion", source);
    if (version > FORMAT_VERSION) {
      throw new IllegalArgumentException(source + " has convnet format version " + version + ", newer than the "
          + FORMAT_VERSION + " this Glassbox reads; upgrade Glassbox");
    }
    if (version < 1) {
      throw new IllegalArgumentException(source + " has an invalid convnet format version " + version);
    }
    if (m.containsKey("inputChannels") && intField(m, "inputChannels", source) != CHANNELS) {
      throw new IllegalArgumentException(source + " declares " + m.get("inputChannels") + " input channels; only RGB (3) is supported");
    }
    checkTag(m, "block", "conv-batchnorm(folded)-relu", source);
    checkTag(m, "pooling", "global-average", source);
    checkTag(m, "normalize", "l2", source);
    Object st = m.get("stages");
    if (!(st instanceof List<?> list)) {
      throw new IllegalArgumentException(source + " has no \"stages\" list");
    }
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> sm)) {
        throw new IllegalArgumentException(source + ": stages[" + i + "] is not an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) sm;
      String where = "stages[" + i + "].";
      try {
        stages.add(new Stage(intField(s, "outChannels", source, where), intField(s, "kernel", source, where),
            intField(s, "stride", source, where)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + where.substring(0, where.length() - 1) + ": " + e.getMessage(), e);
      }
    }
    try {
      return new ConvNetSpec(intField(m, "inputSize", source), floatsField(m, "mean", source), floatsField(m, "std", source),
          stages, intField(m, "embeddingDim", source));
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith(source)) {
        throw e;
      }
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static void checkTag(Map<String, Object> m, String key, String expected, String source) {
    Object v = m.get(key);
    if (v != null && !expected.equals(v)) {
      throw new IllegalArgumentException(source + " has \"" + key + "\": \"" + v + "\"; this Glassbox runs only \"" + expected + "\"");
    }
  }

  private static int intField(Map<String, Object> m, String key, String source) {
    return intField(m, key, source, "");
  }

  private static int intField(Map<String, Object> m, String key, String source, String where) {
    Object v = m.get(key);
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      long l = ((Number) v).longValue();
      if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return (int) l;
      }
    }
    throw new IllegalArgumentException(source + ": \"" + where + key + "\" must be an integer, got "
        + (v == null ? "nothing" : v));
  }

  private static float[] floatsField(Map<String, Object> m, String key, String source) {
    Object v = m.get(key);
    if (v instanceof List<?> list) {
      float[] out = new float[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Number n)) {
          throw new IllegalArgumentException(source + ": \"" + key + "\"[" + i + "] must be a number, got " + list.get(i));
        }
        out[i] = n.floatValue();
      }
      return out;
    }
    throw new IllegalArgumentException(source + ": \"" + key + "\" must be a list of numbers, got " + (v == null ? "nothing" : v));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvNetSpec s && s.inputSize == inputSize && Arrays.equals(s.mean, mean) && Arrays.equals(s.std, std)
        && s.stages.equals(stages) && s.embeddingDim == embeddingDim;
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputSize, Arrays.hashCode(mean), Arrays.hashCode(std), stages, embeddingDim);
  }

  @Override
  public String toString() {
    return "ConvNetSpec[inputSize=" + inputSize + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
        + ", stages=" + stages + ", embeddingDim=" + embeddingDim + "]";
  }
}
