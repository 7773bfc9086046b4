package dev.glassbox.methods.labo;

import dev.glassbox.head.FitReport;
import dev.glassbox.math.AdamUpdate;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.SoftmaxKernels;
import dev.glassbox.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains LaBo's class–concept association matrix (Yang et al., "Language in a Bottle", CVPR 2023;
 * methods.md §1): {@code W} starts from the language prior, class {@code y}'s concept weights are
 * {@code softmax(W_y)}, and {@code logits = s·(x·Tᵀ)·softmax(W)ᵀ} are trained with cross-entropy
 * (plus the optional L1 and diversity terms, see {@link LaboObjective}) by Adam over mini-batches.
 * Validation accuracy is measured every {@link LaboConfig#validateEvery()} epochs and after the
 * last; the best checkpoint is the result.
 *
 * <p>The gradient is exact and computed by hand: two matrix products per batch over BLAS and one
 * pass over {@code W}. Mini-batches are drawn from a shuffle of the training items per epoch, by a
 * stream of {@link LaboConfig#seed()}; a full batch is never shuffled. The same config and data
 * give bit-identical weights. Configured and stateless.
 */
public final class LaboTrainer {

  private final LaboConfig config;

  public LaboTrainer(LaboConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public LaboConfig config() {
    return config;
  }

  public LaboFit fit(LaboData data, ProgressListener progress) {
    int c = data.numClasses();
    int k = data.numConcepts();
    int n = data.trainLabels().length;
    int b = config.batchSizeFor(n);
    LaboObjective obj = new LaboObjective(c, k, config.scale(), config.l1(), config.diversity());
    float[] w = data.prior().initialMatrix(config.initValue()).data();
    float[] m = new float[c * k];
    float[] v = new float[c * k];
    float[] grad = new float[c * k];
    float[] best = w.clone();
    float[] sb = new float[b * k];
    int[] yb = new int[b];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom shuffle = new SplittableRandom(config.seed()).split();
    float[] train = data.trainScores().data();
    boolean hasVal = data.valLabels().length > 0;
    obj.softmax(w, obj.a);
    double priorVal = hasVal ? accuracy(obj, data.valScores(), data.valLabels(), null) : Double.NaN;

    List<double[]> checks = new ArrayList<>();
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestIdx = -1;
    int sinceBest = 0;
    boolean stopped = false;
    int epoch = 0;
    long step = 0;
    AdamUpdate adam = new AdamUpdate(config.learningRate(), config.beta1(), config.beta2(), config.adamEpsilon());
    while (epoch < config.epochs()) {
      epoch++;
      if (b < n) {
        for (int i = n - 1; i > 0; i--) {
          int j = shuffle.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
      }
      for (int start = 0; start < n; start += b) {
        int bs = Math.min(b, n - start);
        float[] s;
        int[] y;
        if (bs == n) {
          s = train;
          y = data.trainLabels();
        } else {
          for (int i = 0; i < bs; i++) {
            int r = order[start + i];
            System.arraycopy(train, r * k, sb, i * k, k);
            yb[i] = data.trainLabels()[r];
          }
          s = sb;
          y = bs == b ? yb : java.util.Arrays.copyOf(yb, bs);
        }
        obj.lossAndGradient(w, s, bs, y, grad);
        step++;
        adam.step(w, grad, m, v, 0, w.length, step);
      }
      if (epoch % config.validateEvery() == 0 || epoch == config.epochs()) {
        obj.softmax(w, obj.a);
        double[] lossOut = new double[1];
        double trainAcc = accuracy(obj, data.trainScores(), data.trainLabels(), lossOut);
        double valAcc = hasVal ? accuracy(obj, data.valScores(), data.valLabels(), null) : Double.NaN;
        double score = hasVal ? valAcc : trainAcc;
        checks.add(new double[] {epoch, trainAcc, valAcc, lossOut[0] + penalties(obj, w)});
        if (score > bestScore) {
          bestScore = score;
          bestIdx = checks.size() - 1;
          System.arraycopy(w, 0, best, 0, w.length);
          sinceBest = 0;
        } else {
          sinceBest++;
        }
        progress.progress("LaBo epochs", epoch, config.epochs());
        if (config.earlyStop() && sinceBest >= config.patience()) {
          stopped = true;
          break;
        }
      }
    }
    List<FitReport> reports = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      double[] ch = checks.get(i);
      double score = hasVal ? ch[2] : ch[1];
      boolean plateau = checks.size() - 1 - i >= config.patience();
      for (int j = i + 1; plateau && j < checks.size(); j++) {
        double later = hasVal ? checks.get(j)[2] : checks.get(j)[1];
        if (later > score) {
          plateau = false;
        }
      }
      reports.add(new FitReport(Double.NaN, ch[1], ch[2], c * k, k, (int) ch[0], plateau, Double.NaN, ch[3]));
    }
    FloatMatrix wb = FloatMatrix.wrap(c, k, best);
    FloatMatrix a = wb.copy();
    Matrices.softmaxRowsInPlace(a.data(), c, k);
    return new LaboFit(wb, a, reports, bestIdx, epoch, stopped, b, priorVal);
  }



  /** Accuracy of the classes scored with {@code obj.a}; the mean cross-entropy into {@code lossOut[0]} when given. */
  private static double accuracy(LaboObjective obj, FloatMatrix scores, int[] labels, double[] lossOut) {
    int n = labels.length;
    int c = obj.classes;
    int k = obj.concepts;
    int block = Math.max(1, Math.min(n, 4096));
    float[] z = new float[block * c];
    long hits = 0;
    double loss = 0;
    for (int s = 0; s < n; s += block) {
      int m = Math.min(block, n - s);
      Kernels.gemm(false, true, m, c, k, obj.scale, scores.data(), s * k, k, obj.a, 0, k, 0f, z, 0, c);
      for (int i = 0; i < m; i++) {
        if (Matrices.argmax(z, i * c, c) == labels[s + i]) {
          hits++;
        }
      }
      if (lossOut != null) {
        loss += SoftmaxKernels.crossEntropyLoss(z, m, c, java.util.Arrays.copyOfRange(labels, s, s + m));
      }
    }
    if (lossOut != null) {
      lossOut[0] = loss / n;
    }
    return (double) hits / n;
  }

  private static double penalties(LaboObjective obj, float[] w) {
    if (obj.l1 == 0) {
      return 0;
    }
    double top = 0;
    int k = obj.concepts;
    for (int r = 0; r < obj.classes; r++) {
      double v = 0;
      for (int j = 0; j < k; j++) {
        v += Math.abs(w[r * k + j]);
      }
      top = Math.max(top, v);
    }
    return obj.l1 * top;
  }
}
