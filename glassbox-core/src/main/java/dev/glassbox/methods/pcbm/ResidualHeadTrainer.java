package dev.glassbox.methods.pcbm;

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
 * PCBM-h (Post-hoc CBM's hybrid, Yuksekgonul, Wang &amp; Zou, ICLR 2023): the PCBM's bottleneck and
 * head stay frozen and a residual {@code Linear(dim → classes)} on the raw embedding learns what the
 * concepts miss,
 *
 * <pre>  logits = W·a + b + R·x + b_r,   L = mean_batch CE + l2·mean(R²)</pre>
 *
 * trained with Adam on seeded shuffled mini-batches. Gradients by hand: with {@code G = (P − Y)/B},
 * {@code ∂R = GᵀX + (2·l2/(classes·dim))·R} and {@code ∂b_r = 1ᵀG}. {@code R} and {@code b_r} start
 * as {@code nn.Linear}'s (uniform in ±1/√dim). The result is one {@link LinearHead} with the residual
 * set and {@code b_r} folded into the bias, so explanations show the residual term as such.
 */
public final class ResidualHeadTrainer implements HeadTrainer {
  private final ResidualConfig config;
  private final LinearHead frozen;
  private final long seed;

  /**
   * @param frozen the PCBM head to keep (its residual must be null)
   * @param seed the root seed of the initial weights and the batch order
   */
  public ResidualHeadTrainer(ResidualConfig config, LinearHead frozen, long seed) {
    if (frozen.residual() != null) {
      throw new IllegalArgumentException("PCBM-h starts from a head without a residual; this one already has one");
    }
    this.config = config;
    this.frozen = frozen;
    this.seed = seed;
  }

  @Override
  public String name() {
    return "pcbm-h residual";
  }

  /** The hybrid head and its training curve. */
  public record ResidualFit(HeadFit fit, TrainingCurve curve) {}

  @Override
  public HeadFit fit(HeadData data, ProgressListener progress) {
    return fitWithCurve(data, progress).fit();
  }

  public ResidualFit fitWithCurve(HeadData data, ProgressListener progress) {
    FloatMatrix x = data.trainInputs();
    if (x == null || (data.valLabels().length > 0 && data.valInputs() == null)) {
      throw new IllegalArgumentException("PCBM-h trains on the raw embeddings; the head data must carry the training (and validation) inputs");
    }
    if (x.rows() != data.trainLabels().length) {
      throw new IllegalArgumentException("PCBM-h has " + x.rows() + " training inputs but " + data.trainLabels().length + " labels");
    }
    int n = x.rows();
    int d = x.cols();
    int c = data.numClasses();
    if (frozen.numClasses() != c || frozen.numConcepts() != data.numConcepts()) {
      throw new IllegalArgumentException("the frozen head is " + frozen.numClasses() + " classes × " + frozen.numConcepts()
          + " concepts but the data has " + c + " classes and " + data.numConcepts() + " concepts");
    }
    // The frozen part of the logits, computed once.
    float[] base = new float[n * c];
    frozen.logits(data.trainActivations().data(), null, n, base);

    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom rInit = root.split();
    SplittableRandom rShuffle = root.split();
    float[] r = new float[c * d];
    float[] br = new float[c];
    double bound = 1 / Math.sqrt(d);
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) ((2 * rInit.nextDouble() - 1) * bound);
    }
    for (int i = 0; i < c; i++) {
      br[i] = (float) ((2 * rInit.nextDouble() - 1) * bound);
    }
    float[] gr = new float[c * d];
    float[] gb = new float[c];
    float[] mr = new float[c * d];
    float[] vr = new float[c * d];
    float[] mb = new float[c];
    float[] vb = new float[c];
    AdamUpdate adam = new AdamUpdate(config.learningRate(), config.beta1(), config.beta2(), config.epsilon());
    int batch = Math.min(config.batchSize(), n);
    float[] xb = new float[batch * d];
    float[] z = new float[batch * c];
    int[] yb = new int[batch];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int[] y = data.trainLabels();
    float decay = (float) (2 * config.l2() / ((double) c * d));
    double[] losses = new double[config.epochs()];
    long t = 0;
    for (int e = 0; e < config.epochs(); e++) {
      for (int i = n - 1; i > 0; i--) {
        int j = rShuffle.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      double sum = 0;
      for (int s = 0; s < n; s += batch) {
        int b = Math.min(batch, n - s);
        for (int i = 0; i < b; i++) {
          int row = order[s + i];
          System.arraycopy(x.data(), row * d, xb, i * d, d);
          for (int k = 0; k < c; k++) {
            z[i * c + k] = base[row * c + k] + br[k];
          }
          yb[i] = y[row];
        }
        Kernels.gemm(false, true, b, c, d, 1f, xb, 0, d, r, 0, d, 1f, z, 0, c);
        double ce = SoftmaxKernels.crossEntropyGradient(z, b, c, yb, 1f / b).loss() / b;
        double sq = 0;
        for (int i = 0; i < r.length; i++) {
          sq += (double) r[i] * r[i];
          gr[i] = decay * r[i];
        }
        Kernels.gemm(true, false, c, d, b, 1f, z, 0, c, xb, 0, d, 1f, gr, 0, d);
        java.util.Arrays.fill(gb, 0f);
        for (int i = 0; i < b; i++) {
          for (int k = 0; k < c; k++) {
            gb[k] += z[i * c + k];
          }
        }
        sum += (ce + config.l2() * sq / r.length) * b;
        t++;
        adam.step(r, gr, mr, vr, 0, r.length, t);
        adam.step(br, gb, mb, vb, 0, c, t);
      }
      losses[e] = sum / n;
      progress.progress("PCBM-h residual", e + 1, config.epochs());
    }
    TrainingCurve curve = TrainingCurve.of(losses, config.epochs(), config.plateauTolerance());
    float[] bias = frozen.bias().clone();
    for (int k = 0; k < c; k++) {
      bias[k] += br[k];
    }
    LinearHead hybrid = new LinearHead(frozen.weight(), bias, FloatMatrix.wrap(c, d, r));
    double trainAcc = accuracy(hybrid, data.trainActivations(), x, y);
    double valAcc = data.valLabels().length == 0 ? Double.NaN : accuracy(hybrid, data.valActivations(), data.valInputs(), data.valLabels());
    int[] nz = hybrid.nonZerosPerClass();
    int total = 0;
    int max = 0;
    for (int v : nz) {
      total += v;
      max = Math.max(max, v);
    }
    FitReport rep = new FitReport(config.l2(), trainAcc, valAcc, total, max, config.epochs(), curve.converged(), curve.relativeChange(),
        curve.finalLoss());
    return new ResidualFit(new HeadFit(hybrid, List.of(rep), 0, "final epoch of " + config.epochs()), curve);
  }

  static double accuracy(LinearHead head, FloatMatrix acts, FloatMatrix inputs, int[] labels) {
    int n = acts.rows();
    int c = head.numClasses();
    float[] out = new float[n * c];
    head.logits(acts.data(), inputs == null ? null : inputs.data(), n, out);
    int hit = 0;
    for (int i = 0; i < n; i++) {
      if (Matrices.argmax(out, i * c, c) == labels[i]) {
        hit++;
      }
    }
    return n == 0 ? Double.NaN : (double) hit / n;
  }
}
