package dev.glassbox.deep.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import dev.glassbox.encode.convnet.ConvNet;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.math.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The {@link ConvNetSpec} network as DJL arrays with autograd: convolutions without bias, each
 * followed by batch normalisation (learned scale and shift, running statistics) and ReLU; global
 * average pooling; a linear projection; L2 normalisation. {@link #fold()} turns it into the
 * inference form that {@link ConvNet} runs.
 *
 * <p>Initial weights come from a {@link SplittableRandom}, not from the engine's generator, so
 * they depend only on the seed: convolutions He-normal over fan-out (He et al., 2015, as
 * torchvision's ResNets), the projection normal with variance 1/fan-in.
 */
final class TrainableConvNet implements AutoCloseable {
  final ConvNetSpec spec;
  final List<NDArray> convWeights = new ArrayList<>();
  final List<NDArray> gammas = new ArrayList<>();
  final List<NDArray> betas = new ArrayList<>();
  final List<NDArray> runningMeans = new ArrayList<>();
  final List<NDArray> runningVars = new ArrayList<>();
  final NDArray projWeight;
  final NDArray projBias;
  private final float momentum;
  private final float epsilon;
  private final NDManager manager;

  TrainableConvNet(NDManager parent, ConvNetSpec spec, SplittableRandom rnd, double momentum, double epsilon) {
    this.spec = spec;
    this.manager = parent.newSubManager();
    this.momentum = (float) momentum;
    this.epsilon = (float) epsilon;
    for (int i = 0; i < spec.stages().size(); i++) {
      ConvNetSpec.Stage s = spec.stages().get(i);
      int in = spec.inChannels(i);
      int fanOut = s.outChannels() * s.kernel() * s.kernel();
      float[] w = gaussian(rnd, s.outChannels() * in * s.kernel() * s.kernel(), Math.sqrt(2.0 / fanOut));
      convWeights.add(param(manager.create(w, new Shape(s.outChannels(), in, s.kernel(), s.kernel()))));
      gammas.add(param(manager.ones(new Shape(s.outChannels()))));
      betas.add(param(manager.zeros(new Shape(s.outChannels()))));
      runningMeans.add(manager.zeros(new Shape(s.outChannels())));
      runningVars.add(manager.ones(new Shape(s.outChannels())));
    }
    int c = spec.featureChannels();
    projWeight = param(manager.create(gaussian(rnd, spec.embeddingDim() * c, Math.sqrt(1.0 / c)), new Shape(spec.embeddingDim(), c)));
    projBias = param(manager.zeros(new Shape(spec.embeddingDim())));
  }

  private static NDArray param(NDArray a) {
    a.setRequiresGradient(true);
    return a;
  }

  private static float[] gaussian(SplittableRandom rnd, int n, double std) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (rnd.nextGaussian() * std);
    }
    return out;
  }

  /** Parameters that weight decay applies to: convolution and projection weights. */
  List<NDArray> decayed() {
    List<NDArray> out = new ArrayList<>(convWeights);
    out.add(projWeight);
    return out;
  }

  /** Parameters without weight decay: batch-norm scales and shifts, the projection bias. */
  List<NDArray> notDecayed() {
    List<NDArray> out = new ArrayList<>(gammas);
    out.addAll(betas);
    out.add(projBias);
    return out;
  }

  /**
   * Embeds a batch {@code x} of shape {@code [n, 3, size, size]}: {@code [n, embeddingDim]},
   * L2-normalised. In training mode batch norm uses the batch's statistics and updates its running
   * ones; otherwise it uses the running statistics.
   */
  NDArray forward(NDArray x, boolean training) {
    NDArray h = x;
    for (int i = 0; i < spec.stages().size(); i++) {
      ConvNetSpec.Stage s = spec.stages().get(i);
      h = Conv2d.conv2d(h, convWeights.get(i), null, new Shape(s.stride(), s.stride()), new Shape(s.pad(), s.pad()))
          .singletonOrThrow();
      h = BatchNorm.batchNorm(h, runningMeans.get(i), runningVars.get(i), gammas.get(i), betas.get(i), 1, momentum, epsilon,
          training).singletonOrThrow();
      h = h.getNDArrayInternal().relu();
    }
    long n = x.getShape().get(0);
    h = h.getNDArrayInternal().globalAvgPool().reshape(n, spec.featureChannels());
    NDArray e = h.matMul(projWeight.transpose()).add(projBias);
    return e.div(e.norm(new int[] {1}, true).maximum(1e-12f));
  }

  /** The inference weights: each batch norm folded into the convolution before it. */
  ConvNet fold() {
    Map<String, Tensor> w = new LinkedHashMap<>();
    for (int i = 0; i < spec.stages().size(); i++) {
      ConvNetSpec.Stage s = spec.stages().get(i);
      float[] weight = convWeights.get(i).toFloatArray();
      float[] gamma = gammas.get(i).toFloatArray();
      float[] beta = betas.get(i).toFloatArray();
      float[] mean = runningMeans.get(i).toFloatArray();
      float[] var = runningVars.get(i).toFloatArray();
      int per = weight.length / s.outChannels();
      float[] bias = new float[s.outChannels()];
      for (int o = 0; o < s.outChannels(); o++) {
        // BN(conv(x)) = γ·(W·x − μ)/√(σ² + ε) + β = (γ/√(σ² + ε))·W·x + (β − μ·γ/√(σ² + ε)).
        double scale = gamma[o] / Math.sqrt((double) var[o] + epsilon);
        for (int j = 0; j < per; j++) {
          weight[o * per + j] = (float) (weight[o * per + j] * scale);
        }
        bias[o] = (float) (beta[o] - mean[o] * scale);
      }
      w.put(ConvNetSpec.convWeight(i), new Tensor(new int[] {s.outChannels(), spec.inChannels(i), s.kernel(), s.kernel()}, weight));
      w.put(ConvNetSpec.convBias(i), new Tensor(new int[] {s.outChannels()}, bias));
    }
    w.put(ConvNetSpec.PROJECTION_WEIGHT, new Tensor(new int[] {spec.embeddingDim(), spec.featureChannels()}, projWeight.toFloatArray()));
    w.put(ConvNetSpec.PROJECTION_BIAS, new Tensor(new int[] {spec.embeddingDim()}, projBias.toFloatArray()));
    return new ConvNet(spec, w, "the trained network");
  }

  /** Embeds {@code n} normalised images in inference mode, in chunks; {@code [n × embeddingDim]} row-major. */
  float[] embed(float[] input, int n, int chunk) {
    int len = 3 * spec.inputSize() * spec.inputSize();
    float[] out = new float[n * spec.embeddingDim()];
    for (int start = 0; start < n; start += chunk) {
      int m = Math.min(chunk, n - start);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        float[] part = java.util.Arrays.copyOfRange(input, start * len, (start + m) * len);
        NDArray x = manager.create(part, new Shape(m, 3, spec.inputSize(), spec.inputSize()));
        float[] e = forward(x, false).toFloatArray();
        System.arraycopy(e, 0, out, start * spec.embeddingDim(), e.length);
      }
    }
    return out;
  }

  NDList parameters() {
    NDList out = new NDList();
    out.addAll(decayed());
    out.addAll(notDecayed());
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
