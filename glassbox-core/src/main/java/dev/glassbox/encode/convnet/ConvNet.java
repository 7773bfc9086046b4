package dev.glassbox.encode.convnet;

import dev.glassbox.math.ConvKernels;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Tensor;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ConvNetSpec} with its inference weights (batch norms folded into the convolutions),
 * run in plain Java: every convolution is {@link ConvKernels#conv2d} (im2col + BLAS GEMM), so
 * serving an image tower needs no deep-learning runtime. Immutable and thread-safe; each call
 * allocates its own scratch.
 */
public final class ConvNet {
  private final ConvNetSpec spec;
  private final float[][] convWeights;
  private final float[][] convBiases;
  private final float[] projWeight;
  private final float[] projBias;
  private final Map<String, Tensor> tensors;

  /**
   * @param weights every tensor of {@link ConvNetSpec#tensorShapes()}, with exactly those shapes
   *     (extra tensors are refused, so a file for another architecture is never half-used)
   * @param source names the weights in messages (a file name)
   */
  public ConvNet(ConvNetSpec spec, Map<String, Tensor> weights, String source) {
    this.spec = Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(weights, "weights");
    Map<String, int[]> shapes = spec.tensorShapes();
    for (Map.Entry<String, int[]> e : shapes.entrySet()) {
      Tensor t = weights.get(e.getKey());
      if (t == null) {
        throw new IllegalArgumentException(source + " has no tensor '" + e.getKey() + "' of shape " + Arrays.toString(e.getValue())
            + " that the architecture needs; are the weights and the architecture JSON from the same model?");
      }
      if (!Arrays.equals(t.shape(), e.getValue())) {
        throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
            + " but the architecture needs " + Arrays.toString(e.getValue())
            + "; are the weights and the architecture JSON from the same model?");
      }
      for (float v : t.data()) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' holds a non-finite value " + v);
        }
      }
    }
    for (String name : weights.keySet()) {
      if (!shapes.containsKey(name)) {
        throw new IllegalArgumentException(source + " holds a tensor '" + name + "' that the architecture does not have (it needs "
            + shapes.keySet() + "); are the weights and the architecture JSON from the same model?");
      }
    }
    int n = spec.stages().size();
    convWeights = new float[n][];
    convBiases = new float[n][];
    Map<String, Tensor> copy = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      convWeights[i] = weights.get(ConvNetSpec.convWeight(i)).data().clone();
      convBiases[i] = weights.get(ConvNetSpec.convBias(i)).data().clone();
      copy.put(ConvNetSpec.convWeight(i), new Tensor(shapes.get(ConvNetSpec.convWeight(i)), convWeights[i]));
      copy.put(ConvNetSpec.convBias(i), new Tensor(shapes.get(ConvNetSpec.convBias(i)), convBiases[i]));
    }
    projWeight = weights.get(ConvNetSpec.PROJECTION_WEIGHT).data().clone();
    projBias = weights.get(ConvNetSpec.PROJECTION_BIAS).data().clone();
    copy.put(ConvNetSpec.PROJECTION_WEIGHT, new Tensor(shapes.get(ConvNetSpec.PROJECTION_WEIGHT), projWeight));
    copy.put(ConvNetSpec.PROJECTION_BIAS, new Tensor(shapes.get(ConvNetSpec.PROJECTION_BIAS), projBias));
    this.tensors = java.util.Collections.unmodifiableMap(copy);
  }

  public ConvNetSpec spec() {
    return spec;
  }

  /** The inference weights, in {@link ConvNetSpec#tensorShapes()} order. Do not modify the arrays. */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /** Floats per input image: {@code 3 × inputSize × inputSize}. */
  public int inputLength() {
    return ConvNetSpec.CHANNELS * spec.inputSize() * spec.inputSize();
  }

  /**
   * The 8-bit planes of an RGB image, {@code [3 × size × size]} (R, G, B), the form training data is
   * kept in. The image must be {@code inputSize × inputSize}; alpha is ignored.
   */
  public static byte[] rgbPlanes(BufferedImage image, int size) {
    if (image.getWidth() != size || image.getHeight() != size) {
      throw new IllegalArgumentException("the image is " + image.getWidth() + " × " + image.getHeight() + " but the network takes "
          + size + " × " + size + "; resize it first");
    }
    int plane = size * size;
    int[] argb = image.getRGB(0, 0, size, size, null, 0, size);
    byte[] out = new byte[3 * plane];
    for (int p = 0; p < plane; p++) {
      int v = argb[p];
      out[p] = (byte) (v >>> 16);
      out[plane + p] = (byte) (v >>> 8);
      out[2 * plane + p] = (byte) v;
    }
    return out;
  }

  /**
   * Normalises 8-bit planes into the network's input: {@code (x/255 − mean[c]) / std[c]}. Training
   * and inference both go through here, so that they see identical floats.
   */
  public static void normalize(byte[] planes, int planesOff, ConvNetSpec spec, float[] out, int outOff) {
    int plane = spec.inputSize() * spec.inputSize();
    float[] mean = spec.mean();
    float[] std = spec.std();
    for (int c = 0; c < ConvNetSpec.CHANNELS; c++) {
      float m = mean[c];
      float s = std[c];
      int src = planesOff + c * plane;
      int dst = outOff + c * plane;
      for (int p = 0; p < plane; p++) {
        out[dst + p] = ((planes[src + p] & 0xFF) / 255f - m) / s;
      }
    }
  }

  /** Embeds images that are exactly {@code inputSize × inputSize}; {@code [images × embeddingDim]}. */
  public FloatMatrix encode(java.util.List<BufferedImage> images) {
    int len = inputLength();
    float[] input = new float[len];
    FloatMatrix out = FloatMatrix.zeros(images.size(), spec.embeddingDim());
    Scratch s = new Scratch();
    for (int i = 0; i < images.size(); i++) {
      normalize(rgbPlanes(images.get(i), spec.inputSize()), 0, spec, input, 0);
      forward(input, 0, out.data(), i * spec.embeddingDim(), s);
    }
    return out;
  }

  /**
   * Runs {@code n} normalised images {@code input[n × 3 × size × size]}; returns
   * {@code [n × embeddingDim]} L2-normalised embeddings.
   */
  public FloatMatrix forward(float[] input, int n) {
    if (input.length < (long) n * inputLength()) {
      throw new IllegalArgumentException(n + " images need " + (long) n * inputLength() + " input values, got " + input.length);
    }
    FloatMatrix out = FloatMatrix.zeros(n, spec.embeddingDim());
    Scratch s = new Scratch();
    for (int i = 0; i < n; i++) {
      forward(input, i * inputLength(), out.data(), i * spec.embeddingDim(), s);
    }
    return out;
  }

  /** Per-call buffers: two feature maps (ping-pong) and the im2col scratch. */
  private final class Scratch {
    final float[] a;
    final float[] b;
    final float[] col;
    final float[] pooled = new float[spec.featureChannels()];

    Scratch() {
      int maxMap = 0;
      int maxCol = 0;
      for (int i = 0; i < spec.stages().size(); i++) {
        ConvNetSpec.Stage st = spec.stages().get(i);
        int side = spec.inSide(i);
        int outSide = spec.inSide(i + 1);
        maxMap = Math.max(maxMap, st.outChannels() * outSide * outSide);
        maxCol = Math.max(maxCol, ConvKernels.scratchSize(spec.inChannels(i), side, side, st.kernel(), st.stride(), st.pad()));
      }
      a = new float[maxMap];
      b = new float[maxMap];
      col = new float[maxCol];
    }
  }

  private void forward(float[] input, int inOff, float[] out, int outOff, Scratch s) {
    float[] src = input;
    int srcOff = inOff;
    float[] dst = s.a;
    int side = spec.inputSize();
    for (int i = 0; i < spec.stages().size(); i++) {
      ConvNetSpec.Stage st = spec.stages().get(i);
      int c = spec.inChannels(i);
      ConvKernels.conv2d(src, srcOff, c, side, side, convWeights[i], convBiases[i], st.outChannels(), st.kernel(), st.stride(),
          st.pad(), dst, 0, s.col);
      side = ConvKernels.outputSize(side, st.kernel(), st.stride(), st.pad());
      int len = st.outChannels() * side * side;
      for (int p = 0; p < len; p++) {
        if (dst[p] < 0f) {
          dst[p] = 0f;
        }
      }
      src = dst;
      srcOff = 0;
      dst = dst == s.a ? s.b : s.a;
    }
    int channels = spec.featureChannels();
    int plane = side * side;
    for (int c = 0; c < channels; c++) {
      double sum = 0;
      for (int p = 0; p < plane; p++) {
        sum += src[c * plane + p];
      }
      s.pooled[c] = (float) (sum / plane);
    }
    int dim = spec.embeddingDim();
    System.arraycopy(projBias, 0, out, outOff, dim);
    Kernels.gemm(false, false, dim, 1, channels, 1f, projWeight, 0, channels, s.pooled, 0, 1, 1f, out, outOff, 1);
    double norm = 0;
    for (int j = 0; j < dim; j++) {
      norm += (double) out[outOff + j] * out[outOff + j];
    }
    float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
    for (int j = 0; j < dim; j++) {
      out[outOff + j] *= inv;
    }
  }
}
