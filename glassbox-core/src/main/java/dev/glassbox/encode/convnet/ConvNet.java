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
 *
 * <p>Images run {@value #CHUNK} at a time, each stage one GEMM over all of them. The same images
 * in the same order always give the same bits; an image's embedding may differ in the last bit
 * with its position in a chunk (BLAS kernels round a product's edge columns their own way), far
 * below any effect on cosines.
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
    int n = images.size();
    FloatMatrix out = FloatMatrix.zeros(n, spec.embeddingDim());
    Scratch s = new Scratch(Math.min(CHUNK, Math.max(1, n)));
    float[] input = new float[s.chunk * len];
    for (int start = 0; start < n; start += s.chunk) {
      int m = Math.min(s.chunk, n - start);
      for (int i = 0; i < m; i++) {
        normalize(rgbPlanes(images.get(start + i), spec.inputSize()), 0, spec, input, i * len);
      }
      forward(input, m, out.data(), start * spec.embeddingDim(), s);
    }
    return out;
  }

  /**
   * Runs {@code n} normalised images {@code input[n × 3 × size × size]}; returns
   * {@code [n × embeddingDim]} L2-normalised embeddings.
   */
  public FloatMatrix forward(float[] input, int n) {
    int len = inputLength();
    if (input.length < (long) n * len) {
      throw new IllegalArgumentException(n + " images need " + (long) n * len + " input values, got " + input.length);
    }
    FloatMatrix out = FloatMatrix.zeros(n, spec.embeddingDim());
    Scratch s = new Scratch(Math.min(CHUNK, Math.max(1, n)));
    float[] part = new float[s.chunk * len];
    for (int start = 0; start < n; start += s.chunk) {
      int m = Math.min(s.chunk, n - start);
      System.arraycopy(input, start * len, part, 0, m * len);
      forward(part, m, out.data(), start * spec.embeddingDim(), s);
    }
    return out;
  }

  /** Images per GEMM: large enough to keep BLAS efficient, small enough for a few MB of scratch. */
  static final int CHUNK = 16;

  /** Per-call buffers for up to {@code chunk} images: two feature maps (ping-pong), im2col scratch, pooled features. */
  private final class Scratch {
    final int chunk;
    final float[] a;
    final float[] b;
    final float[] col;
    final float[] pooled;

    Scratch(int chunk) {
      this.chunk = chunk;
      int maxMap = ConvNetSpec.CHANNELS * spec.inputSize() * spec.inputSize();
      int maxCol = 0;
      for (int i = 0; i < spec.stages().size(); i++) {
        ConvNetSpec.Stage st = spec.stages().get(i);
        int side = spec.inSide(i);
        int outSide = spec.inSide(i + 1);
        maxMap = Math.max(maxMap, st.outChannels() * outSide * outSide);
        maxCol = Math.max(maxCol, ConvKernels.scratchSize(spec.inChannels(i), side, side, st.kernel(), st.stride(), st.pad()));
      }
      a = new float[chunk * maxMap];
      b = new float[chunk * maxMap];
      col = new float[chunk * maxCol];
      pooled = new float[chunk * spec.featureChannels()];
    }
  }

  /**
   * Embeds {@code n ≤ chunk} images {@code input[n × 3 × size × size]} (image-major) into
   * {@code out[outOff ..]}, {@code [n × embeddingDim]}. Feature maps are kept channel-major
   * ({@code [channels × n × side × side]}) so that each stage is one GEMM over all n images.
   */
  private void forward(float[] input, int n, float[] out, int outOff, Scratch s) {
    int plane = spec.inputSize() * spec.inputSize();
    float[] src = s.a;
    for (int b = 0; b < n; b++) {
      for (int c = 0; c < ConvNetSpec.CHANNELS; c++) {
        System.arraycopy(input, (b * ConvNetSpec.CHANNELS + c) * plane, src, (c * n + b) * plane, plane);
      }
    }
    float[] dst = s.b;
    int side = spec.inputSize();
    for (int i = 0; i < spec.stages().size(); i++) {
      ConvNetSpec.Stage st = spec.stages().get(i);
      ConvKernels.conv2d(src, 0, spec.inChannels(i), n, side, side, convWeights[i], convBiases[i], st.outChannels(), st.kernel(),
          st.stride(), st.pad(), dst, 0, s.col);
      side = ConvKernels.outputSize(side, st.kernel(), st.stride(), st.pad());
      int len = st.outChannels() * n * side * side;
      for (int p = 0; p < len; p++) {
        if (dst[p] < 0f) {
          dst[p] = 0f;
        }
      }
      float[] t = src;
      src = dst;
      dst = t;
    }
    int channels = spec.featureChannels();
    int area = side * side;
    for (int c = 0; c < channels; c++) {
      for (int b = 0; b < n; b++) {
        double sum = 0;
        int base = (c * n + b) * area;
        for (int p = 0; p < area; p++) {
          sum += src[base + p];
        }
        s.pooled[b * channels + c] = (float) (sum / area);
      }
    }
    int dim = spec.embeddingDim();
    for (int b = 0; b < n; b++) {
      System.arraycopy(projBias, 0, out, outOff + b * dim, dim);
    }
    Kernels.gemm(false, true, n, dim, channels, 1f, s.pooled, 0, channels, projWeight, 0, channels, 1f, out, outOff, dim);
    for (int b = 0; b < n; b++) {
      int o = outOff + b * dim;
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        norm += (double) out[o + j] * out[o + j];
      }
      float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
      for (int j = 0; j < dim; j++) {
        out[o + j] *= inv;
      }
    }
  }
}
