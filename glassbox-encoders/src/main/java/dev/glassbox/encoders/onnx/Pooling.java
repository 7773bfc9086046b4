package dev.glassbox.encoders.onnx;

/** Pooling and normalisation kernels over encoder outputs; allocation-free. */
final class Pooling {
  private Pooling() {}

  /**
   * Mean of the token vectors of one sequence over its attention mask, as sentence-transformers'
   * mean pooling does (the token count is clamped below at 1e-9).
   *
   * @param hidden {@code [batch × seq × dim]} token vectors
   * @param mask {@code [batch × seq]} 1 for tokens, 0 for padding
   * @param out receives {@code dim} values at {@code outOffset}
   */
  static void maskedMean(float[] hidden, long[] mask, int row, int seq, int dim, float[] out, int outOffset) {
    double count = 0;
    int base = row * seq;
    for (int t = 0; t < seq; t++) {
      count += mask[base + t];
    }
    double denom = Math.max(count, 1e-9);
    for (int j = 0; j < dim; j++) {
      double s = 0;
      int h = base * dim + j;
      for (int t = 0; t < seq; t++, h += dim) {
        if (mask[base + t] != 0) {
          s += hidden[h] * (double) mask[base + t];
        }
      }
      out[outOffset + j] = (float) (s / denom);
    }
  }

  /** Divides {@code dim} values at {@code offset} by their L2 norm (at least 1e-12, as torch's normalize). */
  static void l2Normalize(float[] v, int offset, int dim) {
    double ss = 0;
    for (int j = 0; j < dim; j++) {
      double x = v[offset + j];
      ss += x * x;
    }
    double norm = Math.max(Math.sqrt(ss), 1e-12);
    for (int j = 0; j < dim; j++) {
      v[offset + j] = (float) (v[offset + j] / norm);
    }
  }
}
