package dev.glassbox.bench;

import java.util.Arrays;

/** Small helpers for the side-by-side benchmark runners. */
final class Stats {
  private Stats() {}

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static String fmt(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(String.format(java.util.Locale.ROOT, i == 0 ? "%.3f" : ", %.3f", v[i]));
    }
    return sb.append("]").toString();
  }
}
