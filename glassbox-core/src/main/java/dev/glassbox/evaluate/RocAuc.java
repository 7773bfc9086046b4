package dev.glassbox.evaluate;

/**
 * Area under the ROC curve of a score against binary truth: the probability that a random positive
 * scores above a random negative, ties counting one half (the Mann–Whitney U statistic divided by
 * {@code positives × negatives}; Hanley and McNeil, 1982). Computed by ranking in
 * {@code O(n log n)}, with average ranks for ties.
 */
public final class RocAuc {
  private RocAuc() {}

  /** The AUC of {@code scores} against {@code positive}; NaN when either class is empty. */
  public static double of(float[] scores, boolean[] positive) {
    int n = scores.length;
    if (positive.length != n) {
      throw new IllegalArgumentException("AUC needs one label per score: " + n + " scores, " + positive.length + " labels");
    }
    int[] order = sortedIndices(scores);
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSum += rank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** The plain O(n²) pair count, for tests. */
  static double byPairs(float[] scores, boolean[] positive) {
    double s = 0;
    long pairs = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!positive[i]) {
        continue;
      }
      for (int j = 0; j < scores.length; j++) {
        if (positive[j]) {
          continue;
        }
        pairs++;
        s += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
      }
    }
    return pairs == 0 ? Double.NaN : s / pairs;
  }

  private static int[] sortedIndices(float[] v) {
    // Sort (value, index) pairs packed into longs: the float's order-preserving bits, then the index.
    long[] keys = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      int bits = Float.floatToIntBits(v[i] == 0f ? 0f : v[i]);
      int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
      keys[i] = ((long) ordered << 32) | (i & 0xffffffffL);
    }
    java.util.Arrays.sort(keys);
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) keys[i];
    }
    return out;
  }
}
