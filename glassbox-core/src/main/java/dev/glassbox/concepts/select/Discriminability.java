package dev.glassbox.concepts.select;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.RowSource;
import java.util.Arrays;
import java.util.List;

/**
 * LaBo's class–concept similarity and mutual-information discriminability score (Yang et al.,
 * CVPR 2023, and the released {@code select_algo.py}, as described in methods.md §1).
 *
 * <ol>
 *   <li>{@code Sim(c, y)} = the mean of {@code t_c·x} over the training images of class {@code y}.
 *       By linearity this is {@code t_c·m_y} with {@code m_y} the class's mean image embedding, so
 *       one {@code [K × d]·[d × |Y|]} product computes it.
 *   <li>{@code S̄(c, y) = Sim(c, y) / (|Y| · Σ_c' Sim(c', y))}, a joint distribution with
 *       {@code P(y) = 1/|Y|} and {@code P(c) = Σ_y S̄(c, y)}.
 *   <li>{@code MI(c) = Σ_y S̄(c, y) · log(S̄(c, y) / (P(c)/|Y|))}: concept {@code c}'s term in
 *       {@code I(C; Y)}, equal to {@code P(c) · KL(P(y | c) ‖ P(y))} and never negative.
 * </ol>
 */
public final class Discriminability {
  private Discriminability() {}

  /**
   * The mean image embedding of each class, {@code [numClasses × d]}, over images normalised to unit
   * length when {@code normalize} is set. Streams over {@code images} a block at a time.
   *
   * @throws IllegalArgumentException naming the image when one holds a non-finite value
   */
  public static FloatMatrix classMeans(RowSource images, int[] labels, int numClasses, boolean normalize) {
    int d = images.cols();
    int n = images.rows();
    double[] sum = new double[numClasses * d];
    int[] count = new int[numClasses];
    int block = Math.max(1, Math.min(n, (1 << 20) / Math.max(1, d)));
    float[] buf = new float[block * d];
    for (int s = 0; s < n; s += block) {
      int m = Math.min(block, n - s);
      images.readRows(s, m, buf, 0);
      for (int r = 0; r < m; r++) {
        int base = r * d;
        double ss = 0;
        for (int j = 0; j < d; j++) {
          float v = buf[base + j];
          if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(
                "image embedding " + (s + r) + " holds a non-finite value " + v + " at dimension " + j + "; re-encode that image");
          }
          ss += (double) v * v;
        }
        double scale = normalize ? (ss > 0 ? 1 / Math.sqrt(ss) : 0) : 1;
        int y = labels[s + r];
        count[y]++;
        int off = y * d;
        for (int j = 0; j < d; j++) {
          sum[off + j] += buf[base + j] * scale;
        }
      }
    }
    float[] out = new float[numClasses * d];
    for (int y = 0; y < numClasses; y++) {
      double inv = count[y] == 0 ? 0 : 1.0 / count[y];
      for (int j = 0; j < d; j++) {
        out[y * d + j] = (float) (sum[y * d + j] * inv);
      }
    }
    return FloatMatrix.wrap(numClasses, d, out);
  }

  /**
   * {@code Sim(c, y)}, {@code [numConcepts × numClasses]}: each concept's mean score over each
   * class's images, with the concept embeddings normalised when {@code mode} normalises.
   */
  public static FloatMatrix classSimilarity(FloatMatrix conceptEmbeddings, FloatMatrix classMeans, ClassSimilarity mode) {
    FloatMatrix t = mode.normalizes() ? Matrices.normalizeRows(conceptEmbeddings) : conceptEmbeddings;
    return Kernels.multiplyTransposed(t, classMeans);
  }

  /**
   * The weights the MI score reads: {@code Sim} itself for {@link ClassSimilarity#DOT} and
   * {@link ClassSimilarity#COSINE}; for {@link ClassSimilarity#EXP_COSINE},
   * {@code exp(logitScale · (Sim(c, y) − max_c' Sim(c', y)))} (the shift by the class's maximum
   * cancels in the normalisation and keeps the exponent ≤ 0).
   *
   * @throws IllegalArgumentException naming the concept index and class when a DOT or COSINE
   *     similarity is not positive
   */
  public static double[] miWeights(
      FloatMatrix sim, ClassSimilarity mode, double logitScale, List<String> conceptTexts, List<String> classNames) {
    int k = sim.rows();
    int ny = sim.cols();
    float[] s = sim.data();
    double[] w = new double[s.length];
    if (mode == ClassSimilarity.EXP_COSINE) {
      for (int y = 0; y < ny; y++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          max = Math.max(max, s[c * ny + y]);
        }
        for (int c = 0; c < k; c++) {
          w[c * ny + y] = Math.exp(logitScale * (s[c * ny + y] - max));
        }
      }
      return w;
    }
    for (int i = 0; i < s.length; i++) {
      if (!(s[i] > 0)) {
        int c = i / ny;
        int y = i % ny;
        throw new IllegalArgumentException(
            "class–concept similarity Sim(\"" + conceptTexts.get(c) + "\", \"" + classNames.get(y) + "\") is " + s[i]
                + " but LaBo's MI score needs every Sim > 0 (CLIP's raw dot products are positive); "
                + "use classSimilarity EXP_COSINE for encoders whose " + mode + " scores can be ≤ 0 (from the command line: "
                + "'concepts select --similarity exp-cosine', or 'train --method labo --set select-similarity=exp-cosine')");
      }
      w[i] = s[i];
    }
    return w;
  }

  /**
   * LaBo's MI score of every concept from positive weights {@code w[c·numClasses + y]}, computed in
   * double. The caller guarantees that every weight is positive and finite.
   */
  public static double[] mutualInformation(double[] w, int numConcepts, int numClasses) {
    if (w.length != (long) numConcepts * numClasses) {
      throw new IllegalArgumentException(
          "similarity weights hold " + w.length + " values but " + numConcepts + " concepts × " + numClasses + " classes need "
              + (long) numConcepts * numClasses);
    }
    double[] colSum = new double[numClasses];
    for (int c = 0; c < numConcepts; c++) {
      for (int y = 0; y < numClasses; y++) {
        colSum[y] += w[c * numClasses + y];
      }
    }
    double[] mi = new double[numConcepts];
    double[] joint = new double[numClasses];
    for (int c = 0; c < numConcepts; c++) {
      double pc = 0;
      for (int y = 0; y < numClasses; y++) {
        joint[y] = w[c * numClasses + y] / (numClasses * colSum[y]);
        pc += joint[y];
      }
      // log(S̄ / (P(c)/|Y|)) = log(S̄·|Y| / P(c)).
      double scale = numClasses / pc;
      double s = 0;
      for (int y = 0; y < numClasses; y++) {
        if (joint[y] > 0) {
          s += joint[y] * Math.log(joint[y] * scale);
        }
      }
      // I(C;Y)'s per-concept terms are KL divergences times P(c): clamp the rounding below zero.
      mi[c] = Math.max(0, s);
    }
    return mi;
  }

  /**
   * Both scores for a selection input: {@code Sim} over the input's images and the MI score over
   * all of its candidates and classes.
   */
  /**
   * {@code Sim(c, y)} alone, for rankings that use no MI score (its entries are then NaN): unlike
   * {@link #scores}, any sign of similarity is accepted.
   */
  public static ClassConceptScores similarityScores(SelectionInput input, ClassSimilarity mode) {
    FloatMatrix means = classMeans(input.images(), input.labels(), input.numClasses(), mode.normalizes());
    FloatMatrix sim = classSimilarity(input.candidates().embeddings(), means, mode);
    double[] none = new double[sim.rows()];
    Arrays.fill(none, Double.NaN);
    return new ClassConceptScores(sim, none);
  }

  public static ClassConceptScores scores(SelectionInput input, ClassSimilarity mode, double logitScale) {
    FloatMatrix means = classMeans(input.images(), input.labels(), input.numClasses(), mode.normalizes());
    FloatMatrix sim = classSimilarity(input.candidates().embeddings(), means, mode);
    double[] w = miWeights(sim, mode, logitScale, input.candidates().concepts().texts(), input.classNames());
    return new ClassConceptScores(sim, mutualInformation(w, sim.rows(), sim.cols()));
  }
}
