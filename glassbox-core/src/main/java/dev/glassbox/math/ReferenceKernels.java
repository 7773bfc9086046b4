package dev.glassbox.math;

/**
 * Plain scalar implementations of the {@link Kernels}, accumulating in double. They define what the
 * fast kernels must compute and are used only by tests and benchmark self-checks.
 */
public final class ReferenceKernels {
  private ReferenceKernels() {}

  /** Row-major {@code C = alpha·op(A)·op(B) + beta·C}; same contract as {@link Kernels#gemm}. */
  public static void gemm(
      boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
      float beta, float[] c, int cOffset, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
          float bv = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
          s += (double) av * bv;
        }
        int idx = cOffset + i * ldc + j;
        c[idx] = (float) (alpha * s + (beta == 0f ? 0.0 : (double) beta * c[idx]));
      }
    }
  }

  public static FloatMatrix multiply(FloatMatrix a, FloatMatrix b) {
    FloatMatrix c = FloatMatrix.zeros(a.rows(), b.cols());
    gemm(false, false, a.rows(), b.cols(), a.cols(), 1f, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 0f, c.data(), 0, c.cols());
    return c;
  }

  public static FloatMatrix multiplyTransposed(FloatMatrix a, FloatMatrix b) {
    FloatMatrix c = FloatMatrix.zeros(a.rows(), b.rows());
    gemm(false, true, a.rows(), b.rows(), a.cols(), 1f, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 0f, c.data(), 0, c.cols());
    return c;
  }

  public static FloatMatrix transposeMultiply(FloatMatrix a, FloatMatrix b) {
    FloatMatrix c = FloatMatrix.zeros(a.cols(), b.cols());
    gemm(true, false, a.cols(), b.cols(), a.rows(), 1f, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 0f, c.data(), 0, c.cols());
    return c;
  }

  /** {@code y += alpha·x}, scalar. */
  public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  /** Cosine similarity of every row of {@code a} with every row of {@code b}; zero rows give 0. */
  public static FloatMatrix cosine(FloatMatrix a, FloatMatrix b) {
    FloatMatrix c = FloatMatrix.zeros(a.rows(), b.rows());
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < b.rows(); j++) {
        double d = 0, na = 0, nb = 0;
        for (int p = 0; p < a.cols(); p++) {
          double x = a.get(i, p), y = b.get(j, p);
          d += x * y;
          na += x * x;
          nb += y * y;
        }
        c.set(i, j, na == 0 || nb == 0 ? 0f : (float) (d / Math.sqrt(na * nb)));
      }
    }
    return c;
  }
  /**
   * Direct convolution of one image, accumulating in double; same contract as
   * {@link ConvKernels#conv2d} (PyTorch layouts, zero padding, cross-correlation).
   */
  public static void conv2d(
      float[] in, int inOff, int c, int h, int w, float[] weight, float[] bias, int outC, int k, int stride, int pad,
      float[] out, int outOff) {
    int oh = ConvKernels.outputSize(h, k, stride, pad);
    int ow = ConvKernels.outputSize(w, k, stride, pad);
    for (int o = 0; o < outC; o++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double s = bias == null ? 0 : bias[o];
          for (int ci = 0; ci < c; ci++) {
            for (int ky = 0; ky < k; ky++) {
              int iy = oy * stride + ky - pad;
              if (iy < 0 || iy >= h) {
                continue;
              }
              for (int kx = 0; kx < k; kx++) {
                int ix = ox * stride + kx - pad;
                if (ix >= 0 && ix < w) {
                  s += (double) weight[((o * c + ci) * k + ky) * k + kx] * in[inOff + (ci * h + iy) * w + ix];
                }
              }
            }
          }
          out[outOff + (o * oh + oy) * ow + ox] = (float) s;
        }
      }
    }
  }
}
