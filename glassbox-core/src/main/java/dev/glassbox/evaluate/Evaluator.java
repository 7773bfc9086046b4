package dev.glassbox.evaluate;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.GroundTruth;
import dev.glassbox.data.Split;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import dev.glassbox.model.ConceptBottleneckModel;
import java.util.Arrays;

/** Accuracy, sparsity, coverage and concept recovery of a model on a dataset split. */
public final class Evaluator {
  /** The share of the positive concept logit that coverage counts concepts up to (DN-CBM's 90%). */
  public static final double COVERAGE_SHARE = 0.9;

  private Evaluator() {}

  public static Evaluation evaluate(ConceptBottleneckModel model, Dataset data, Split split) {
    requireSameClasses(model, data);
    int[] idx = data.indices(split);
    FloatMatrix x = data.embeddingsOf(idx);
    int[] y = data.labelsOf(idx);
    int n = idx.length;
    int c = model.numClasses();
    int k = model.numConcepts();
    int[][] confusion = new int[c][c];
    int[] perClassN = new int[c];
    int[] perClassHit = new int[c];
    long hit1 = 0;
    long hit5 = 0;
    double coverageSum = 0;
    int block = 1024;
    float[] xb = new float[block * model.inputDim()];
    float[] acts = new float[block * k];
    float[] logits = new float[block * c];
    float[] w = model.head().weight().data();
    float[] contrib = new float[k];
    for (int s = 0; s < n; s += block) {
      int m = Math.min(block, n - s);
      System.arraycopy(x.data(), s * x.cols(), xb, 0, m * x.cols());
      model.bottleneck().activate(xb, m, acts);
      model.head().logits(acts, xb, m, logits);
      for (int r = 0; r < m; r++) {
        int truth = y[s + r];
        int pred = Matrices.argmax(logits, r * c, c);
        confusion[truth][pred]++;
        perClassN[truth]++;
        if (pred == truth) {
          hit1++;
          perClassHit[truth]++;
        }
        float trueLogit = logits[r * c + truth];
        int above = 0;
        for (int j = 0; j < c; j++) {
          if (logits[r * c + j] > trueLogit) {
            above++;
          }
        }
        if (above < 5) {
          hit5++;
        }
        for (int j = 0; j < k; j++) {
          contrib[j] = acts[r * k + j] * w[pred * k + j];
        }
        coverageSum += coverage(contrib, COVERAGE_SHARE);
      }
    }
    double[] perClass = new double[c];
    for (int j = 0; j < c; j++) {
      perClass[j] = perClassN[j] == 0 ? Double.NaN : (double) perClassHit[j] / perClassN[j];
    }
    // A sparse autoencoder's atoms are discovered, not the dataset's concepts, so recovery (which
    // matches concept indices against the ground truth's) has no meaning for it.
    boolean comparable = !(model.bottleneck() instanceof SparseAutoencoderBottleneck);
    // The ground truth indexes the dataset's concept set; a model with another number of concepts
    // (an edit removed some, or a method kept a subset) would be matched position by position
    // against the wrong concepts, so recovery is not reported for it.
    GroundTruth truth = data.groundTruth();
    comparable &= truth == null || truth.numConcepts() < 0 || truth.numConcepts() == model.numConcepts();
    ConceptRecovery rec = truth == null || !comparable ? null : recovery(model, truth);
    // With five classes or fewer every item's class is in its top 5: a figure that says nothing.
    return new Evaluation(split.code(), n, n == 0 ? Double.NaN : (double) hit1 / n, n == 0 || c <= 5 ? Double.NaN : (double) hit5 / n,
        perClass, confusion, model.head().nonZerosPerClass(), n == 0 ? Double.NaN : coverageSum / n, rec);
  }

  /**
   * The number of concepts, largest positive contribution first, whose sum reaches {@code share}
   * of the sum of all positive contributions; 0 when no contribution is positive.
   */
  public static int coverage(float[] contributions, double share) {
    float[] pos = new float[contributions.length];
    int np = 0;
    double total = 0;
    for (float v : contributions) {
      if (v > 0) {
        pos[np++] = v;
        total += v;
      }
    }
    if (np == 0) {
      return 0;
    }
    Arrays.sort(pos, 0, np);
    double acc = 0;
    int count = 0;
    for (int i = np - 1; i >= 0; i--) {
      acc += pos[i];
      count++;
      if (acc >= share * total - 1e-12) {
        break;
      }
    }
    return count;
  }

  /** Recovery of the ground truth's class concepts by the head's non-zero weights. */
  public static ConceptRecovery recovery(ConceptBottleneckModel model, GroundTruth truth) {
    if (truth.numClasses() != model.numClasses()) {
      throw new IllegalArgumentException(
          "ground truth covers " + truth.numClasses() + " classes but the model has " + model.numClasses());
    }
    int k = model.numConcepts();
    float[] w = model.head().weight().data();
    int pairs = 0;
    int found = 0;
    int foundPos = 0;
    double minShare = 1;
    int posWeights = 0;
    int posOnTrue = 0;
    for (int c = 0; c < model.numClasses(); c++) {
      int[] tc = truth.classConcepts().get(c);
      int fc = 0;
      for (int j : tc) {
        if (j >= k) {
          continue;
        }
        pairs++;
        if (w[c * k + j] != 0f) {
          found++;
          fc++;
        }
        if (w[c * k + j] > 0f) {
          foundPos++;
        }
      }
      if (tc.length > 0) {
        minShare = Math.min(minShare, (double) fc / tc.length);
      }
      for (int j = 0; j < k; j++) {
        if (w[c * k + j] > 0f) {
          posWeights++;
          if (truth.isTrue(c, j)) {
            posOnTrue++;
          }
        }
      }
    }
    return new ConceptRecovery(pairs == 0 ? Double.NaN : (double) found / pairs, pairs == 0 ? Double.NaN : (double) foundPos / pairs,
        minShare, pairs, posWeights == 0 ? Double.NaN : (double) posOnTrue / posWeights);
  }

  static void requireSameClasses(ConceptBottleneckModel model, Dataset data) {
    if (!model.classNames().equals(data.classNames())) {
      throw new IllegalArgumentException(
          "the model's classes " + abbreviate(model.classNames().toString()) + " differ from the dataset's "
              + abbreviate(data.classNames().toString()) + "; evaluate on data with the classes the model was trained on");
    }
    if (model.inputDim() != data.dim()) {
      throw new IllegalArgumentException(
          "the dataset's embeddings are " + data.dim() + "-d but the model expects " + model.inputDim() + "-d");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}
