package dev.glassbox.methods.pcbm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distribution of a CAV's signed margins {@code (w·x + b)/‖w‖} over its concept examples, as
 * Post-hoc CBM stores it with each concept (its {@code margin_info}): how far, in embedding units,
 * typical positives and negatives sit from the boundary, so a score can be read against them.
 *
 * @param max the largest margin
 * @param min the smallest margin
 * @param positiveMean mean margin of the positive examples
 * @param positiveStd their standard deviation (population)
 * @param negativeMean mean margin of the negative examples
 * @param negativeStd their standard deviation (population)
 * @param q10 the 10th percentile of all margins (linear interpolation, as numpy's default)
 * @param q90 the 90th percentile
 * @param positiveCount positive examples measured
 * @param negativeCount negative examples measured
 */
public record MarginStatistics(
    double max, double min, double positiveMean, double positiveStd, double negativeMean, double negativeStd,
    double q10, double q90, int positiveCount, int negativeCount) {

  /** Statistics of {@code positive} and {@code negative} margins (each non-empty). */
  public static MarginStatistics of(double[] positive, double[] negative) {
    double[] all = new double[positive.length + negative.length];
    System.arraycopy(positive, 0, all, 0, positive.length);
    System.arraycopy(negative, 0, all, positive.length, negative.length);
    Arrays.sort(all);
    return new MarginStatistics(all[all.length - 1], all[0], mean(positive), std(positive), mean(negative), std(negative),
        quantile(all, 0.1), quantile(all, 0.9), positive.length, negative.length);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / v.length);
  }

  /** The {@code q}-quantile of sorted values, interpolating linearly between order statistics. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** JSON-compatible form for provenance. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max", max);
    m.put("min", min);
    m.put("pos_mean", positiveMean);
    m.put("pos_std", positiveStd);
    m.put("neg_mean", negativeMean);
    m.put("neg_std", negativeStd);
    m.put("q10", q10);
    m.put("q90", q90);
    m.put("pos_count", positiveCount);
    m.put("neg_count", negativeCount);
    return m;
  }
}
