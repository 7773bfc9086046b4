package dev.glassbox.methods.dncbm;

import dev.glassbox.head.FitReport;
import dev.glassbox.head.HeadData;
import dev.glassbox.head.HeadFit;
import dev.glassbox.head.HeadTrainer;
import dev.glassbox.head.LinearHead;
import dev.glassbox.math.AdamUpdate;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.SoftmaxKernels;
import dev.glassbox.methods.TrainingCurve;
import dev.glassbox.progress.ProgressListener;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Discover-then-Name's probe (Rao et al., ECCV 2024): a linear layer without bias from concept
 * activations to classes, trained with Adam on shuffled mini-batches to minimise
 *
 * <pre>  L = mean_batch CE(W a, y) + λ·mean|W|</pre>
 *
 * Gradients by hand: {@code ∂W = (P − Y)ᵀA/B + λ·sign(W)/(classes·concepts)} (sign(0) = 0, as
 * PyTorch's). The weights start as {@code nn.Linear}'s, uniform in ±1/√concepts. The L1 term
 * shrinks weights but, with Adam's sub-gradient steps, does not make them exactly zero; the
 * method reports sparsity at several tolerances as DN-CBM does. The head's bias is zero.
 */
public final class L1ProbeTrainer implements HeadTrainer {
  private final L1ProbeConfig config;
  private final long seed;

  public L1ProbeTrainer(L1ProbeConfig config, long seed) {
    this.config = config;
    this.seed = seed;
  }

  @Override
  public String name() {
    return "l1-probe";
  }

  /** The fitted head with its report, plus the loss curve. */
  public record ProbeFit(HeadFit fit, TrainingCurve curve) {}

  @Override
  public HeadFit fit(HeadData data, ProgressListener progress) {
    return fitWithCurve(data, progress).fit();
  }

  public ProbeFit fitWithCurve(HeadData data, ProgressListener progress) {
    FloatMatrix a = data.trainActivations();
    int n = a.rows();
    int k = a.cols();
    int c = data.numClasses();
    int[] y = data.trainLabels();
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom rInit = root.split();
    SplittableRandom rShuffle = root.split();
    float[] w = new float[c * k];
    double bound = 1 / Math.sqrt(k);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) ((2 * rInit.nextDouble() - 1) * bound);
    }
    float[] g = new float[c * k];
    float[] mw = new float[c * k];
    float[] vw = new float[c * k];
    AdamUpdate adam = new AdamUpdate(config.learningRate(), config.beta1(), config.beta2(), config.epsilon());
    int batch = Math.min(config.batchSize(), n);
    float[] buf = new float[batch * k];
    float[] logits = new float[batch * c];
    int[] yb = new int[batch];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    float l1Grad = (float) (config.l1() / ((double) c * k));
    double[] losses = new double[config.epochs()];
    long t = 0;
    for (int e = 0; e < config.epochs(); e++) {
      SparseAutoencoderTrainer.shuffle(order, rShuffle);
      double sum = 0;
      for (int s = 0; s < n; s += batch) {
        int b = Math.min(batch, n - s);
        for (int r = 0; r < b; r++) {
          System.arraycopy(a.data(), order[s + r] * k, buf, r * k, k);
          yb[r] = y[order[s + r]];
        }
        Kernels.gemm(false, true, b, c, k, 1f, buf, 0, k, w, 0, k, 0f, logits, 0, c);
        double ce = SoftmaxKernels.crossEntropyGradient(logits, b, c, yb, 1f / b).loss() / b;
        Kernels.gemm(true, false, c, k, b, 1f, logits, 0, c, buf, 0, k, 0f, g, 0, k);
        double absSum = 0;
        for (int i = 0; i < g.length; i++) {
          float wi = w[i];
          absSum += Math.abs(wi);
          g[i] += wi > 0 ? l1Grad : wi < 0 ? -l1Grad : 0f;
        }
        sum += (ce + config.l1() * absSum / g.length) * b;
        adam.step(w, g, mw, vw, 0, w.length, ++t);
      }
      losses[e] = sum / n;
      progress.progress("L1 probe", e + 1, config.epochs());
    }
    TrainingCurve curve = TrainingCurve.of(losses, config.epochs(), config.plateauTolerance());
    LinearHead head = new LinearHead(FloatMatrix.wrap(c, k, w), new float[c], null);
    double trainAcc = accuracy(head, a, y);
    double valAcc = data.valLabels().length == 0 ? Double.NaN : accuracy(head, data.valActivations(), data.valLabels());
    int[] nz = head.nonZerosPerClass();
    int total = 0;
    int max = 0;
    for (int v : nz) {
      total += v;
      max = Math.max(max, v);
    }
    FitReport r = new FitReport(config.l1(), trainAcc, valAcc, total, max, config.epochs(), curve.converged(), curve.relativeChange(),
        curve.finalLoss());
    return new ProbeFit(new HeadFit(head, List.of(r), 0, "final epoch of " + config.epochs()), curve);
  }

  static double accuracy(LinearHead head, FloatMatrix acts, int[] labels) {
    int n = acts.rows();
    if (n == 0) {
      return Double.NaN;
    }
    int c = head.numClasses();
    int block = Math.max(1, Math.min(n, (1 << 22) / Math.max(1, acts.cols())));
    float[] out = new float[block * c];
    long hits = 0;
    for (int s = 0; s < n; s += block) {
      int b = Math.min(block, n - s);
      float[] a = java.util.Arrays.copyOfRange(acts.data(), s * acts.cols(), (s + b) * acts.cols());
      head.logits(a, null, b, out);
      for (int r = 0; r < b; r++) {
        if (Matrices.argmax(out, r * c, c) == labels[s + r]) {
          hits++;
        }
      }
    }
    return (double) hits / n;
  }
}
