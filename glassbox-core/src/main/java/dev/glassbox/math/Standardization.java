package dev.glassbox.math;

import java.util.Arrays;

/**
 * Per-column standardisation {@code (x − mean) / std}, fitted on one set of rows (the training
 * split) and applied to any other. As in Label-free CBM ({@code proj_mean}, {@code proj_std}), the
 * standard deviation is the unbiased sample estimate; a column with zero spread gets std 1 so that
 * it maps to zero rather than to NaN.
 *
 * @param mean per-column mean, length = number of columns
 * @param std per-column standard deviation, all positive
 */
public record Standardization(float[] mean, float[] std) {
  public Standardization {
    if (mean.length != std.length) {
      throw new IllegalArgumentException("standardisation mean has " + mean.length + " columns but std has " + std.length);
    }
  }

  /** The identity transform over {@code cols} columns. */
  public static Standardization identity(int cols) {
    float[] one = new float[cols];
    Arrays.fill(one, 1f);
    return new Standardization(new float[cols], one);
  }

  /** Fits mean and unbiased std per column over all rows of {@code m}, accumulating in double. */
  public static Standardization fit(FloatMatrix m) {
    int n = m.rows(), c = m.cols();
    if (n == 0) {
      throw new IllegalArgumentException("cannot fit a standardisation on zero rows");
    }
    double[] sum = new double[c];
    float[] d = m.data();
    for (int r = 0; r < n; r++) {
      int base = r * c;
      for (int j = 0; j < c; j++) {
        sum[j] += d[base + j];
      }
    }
    double[] mu = new double[c];
    for (int j = 0; j < c; j++) {
      mu[j] = sum[j] / n;
    }
    double[] ss = new double[c];
    for (int r = 0; r < n; r++) {
      int base = r * c;
      for (int j = 0; j < c; j++) {
        double dv = d[base + j] - mu[j];
        ss[j] += dv * dv;
      }
    }
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int j = 0; j < c; j++) {
      mean[j] = (float) mu[j];
      double sd = n > 1 ? Math.sqrt(ss[j] / (n - 1)) : 0;
      std[j] = sd > 1e-12 ? (float) sd : 1f;
    }
    return new Standardization(mean, std);
  }

  public int cols() {
    return mean.length;
  }

  /** Standardises {@code rows} rows of {@code data} in place. */
  public void applyInPlace(float[] data, int offset, int rows) {
    int c = mean.length;
    for (int r = 0; r < rows; r++) {
      int base = offset + r * c;
      for (int j = 0; j < c; j++) {
        data[base + j] = (data[base + j] - mean[j]) / std[j];
      }
    }
  }

  /** A standardised copy of {@code m}. */
  public FloatMatrix apply(FloatMatrix m) {
    FloatMatrix out = m.copy();
    applyInPlace(out.data(), 0, m.rows());
    return out;
  }

  /** The inverse map for one value of column {@code j}. */
  public float unapply(int j, float z) {
    return z * std[j] + mean[j];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardization s && Arrays.equals(s.mean, mean) && Arrays.equals(s.std, std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Standardization[" + mean.length + " columns]";
  }
}
