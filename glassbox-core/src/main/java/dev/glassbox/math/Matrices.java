package dev.glassbox.math;

/** Row normalisation, cosine similarity and other whole-matrix helpers built on {@link Kernels}. */
public final class Matrices {
  private Matrices() {}

  /** The L2 norm of each row, accumulated in double. */
  public static float[] rowNorms(FloatMatrix m) {
    float[] out = new float[m.rows()];
    float[] d = m.data();
    int c = m.cols();
    for (int r = 0; r < m.rows(); r++) {
      double s = 0;
      int base = r * c;
      for (int j = 0; j < c; j++) {
        s += (double) d[base + j] * d[base + j];
      }
      out[r] = (float) Math.sqrt(s);
    }
    return out;
  }

  /** A copy with every row scaled to unit L2 norm; all-zero rows stay zero. */
  public static FloatMatrix normalizeRows(FloatMatrix m) {
    FloatMatrix out = m.copy();
    normalizeRowsInPlace(out.data(), m.rows(), m.cols());
    return out;
  }

  /** Scales each of {@code rows} rows of {@code data} to unit L2 norm; all-zero rows stay zero. */
  public static void normalizeRowsInPlace(float[] data, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      double s = 0;
      for (int j = 0; j < cols; j++) {
        s += (double) data[base + j] * data[base + j];
      }
      if (s > 0) {
        float inv = (float) (1.0 / Math.sqrt(s));
        for (int j = 0; j < cols; j++) {
          data[base + j] *= inv;
        }
      }
    }
  }

  /** Cosine similarity of every row of {@code a} with every row of {@code b} ({@code a.rows × b.rows}). */
  public static FloatMatrix cosine(FloatMatrix a, FloatMatrix b) {
    return Kernels.multiplyTransposed(normalizeRows(a), normalizeRows(b));
  }

  /** Row-wise softmax in place over {@code rows × cols}, numerically stable. */
  public static void softmaxRowsInPlace(float[] data, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, data[base + j]);
      }
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        float e = (float) Math.exp(data[base + j] - max);
        data[base + j] = e;
        sum += e;
      }
      float inv = (float) (1.0 / sum);
      for (int j = 0; j < cols; j++) {
        data[base + j] *= inv;
      }
    }
  }

  /** Index of the largest value in {@code data[off, off + n)}; the first on ties. */
  public static int argmax(float[] data, int off, int n) {
    int best = 0;
    float bv = data[off];
    for (int j = 1; j < n; j++) {
      if (data[off + j] > bv) {
        bv = data[off + j];
        best = j;
      }
    }
    return best;
  }

  /** Indices of the {@code k} largest values in {@code data[off, off + n)}, largest first. */
  public static int[] topK(float[] data, int off, int n, int k) {
    k = Math.min(k, n);
    int[] idx = new int[k];
    float[] val = new float[k];
    int size = 0;
    for (int j = 0; j < n; j++) {
      float v = data[off + j];
      if (size < k) {
        int p = size++;
        while (p > 0 && val[p - 1] < v) {
          val[p] = val[p - 1];
          idx[p] = idx[p - 1];
          p--;
        }
        val[p] = v;
        idx[p] = j;
      } else if (v > val[k - 1]) {
        int p = k - 1;
        while (p > 0 && val[p - 1] < v) {
          val[p] = val[p - 1];
          idx[p] = idx[p - 1];
          p--;
        }
        val[p] = v;
        idx[p] = j;
      }
    }
    return idx;
  }
}
