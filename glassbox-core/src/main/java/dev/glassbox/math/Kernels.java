package dev.glassbox.math;

import dev.ludovic.netlib.blas.BLAS;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast matrix kernels: products through {@code dev.ludovic.netlib} BLAS, which is OpenBLAS when
 * Debian's {@code libopenblas0} is installed and otherwise netlib's Java implementation (Vector API
 * when {@code --add-modules jdk.incubator.vector} is set). Each kernel has a plain scalar twin in
 * {@link ReferenceKernels} that the tests compare it against.
 *
 * <p>All matrices are row-major. BLAS is column-major, so a row-major {@code C = op(A)·op(B)} is
 * computed as the column-major {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}: the operands swap places and the
 * transpose flags carry over unchanged.
 */
public final class Kernels {
  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private Kernels() {}

  /** The BLAS implementation in use (for provenance and benchmark reports). */
  public static String blasImplementation() {
    return BLAS_INSTANCE.getClass().getSimpleName();
  }

  /**
   * Row-major {@code C = alpha·op(A)·op(B) + beta·C}, with {@code op(A)} of shape {@code m × k} and
   * {@code op(B)} of shape {@code k × n}; {@code lda}, {@code ldb}, {@code ldc} are row strides.
   */
  public static void gemm(
      boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
      float beta, float[] c, int cOffset, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      scaleBlock(m, n, beta, c, cOffset, ldc);
      return;
    }
    BLAS_INSTANCE.sgemm(
        transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
        b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc);
  }

  private static void scaleBlock(int m, int n, float beta, float[] c, int off, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        c[off + i * ldc + j] = beta == 0f ? 0f : beta * c[off + i * ldc + j];
      }
    }
  }

  /** {@code A·B} for {@code A: m × k}, {@code B: k × n}. */
  public static FloatMatrix multiply(FloatMatrix a, FloatMatrix b) {
    requireInner(a.cols(), b.rows(), "A·B", a, b);
    FloatMatrix c = FloatMatrix.zeros(a.rows(), b.cols());
    gemm(false, false, a.rows(), b.cols(), a.cols(), 1f, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 0f, c.data(), 0, c.cols());
    return c;
  }

  /** {@code A·Bᵀ} for {@code A: m × k}, {@code B: n × k}: row-wise dot products of A and B. */
  public static FloatMatrix multiplyTransposed(FloatMatrix a, FloatMatrix b) {
    requireInner(a.cols(), b.cols(), "A·Bᵀ", a, b);
    FloatMatrix c = FloatMatrix.zeros(a.rows(), b.rows());
    gemm(false, true, a.rows(), b.rows(), a.cols(), 1f, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 0f, c.data(), 0, c.cols());
    return c;
  }

  /** {@code Aᵀ·B} for {@code A: k × m}, {@code B: k × n}. */
  public static FloatMatrix transposeMultiply(FloatMatrix a, FloatMatrix b) {
    requireInner(a.rows(), b.rows(), "Aᵀ·B", a, b);
    FloatMatrix c = FloatMatrix.zeros(a.cols(), b.cols());
    gemm(true, false, a.cols(), b.cols(), a.rows(), 1f, a.data(), 0, a.cols(), b.data(), 0, b.cols(), 0f, c.data(), 0, c.cols());
    return c;
  }

  private static void requireInner(int ka, int kb, String op, FloatMatrix a, FloatMatrix b) {
    if (ka != kb) {
      throw new IllegalArgumentException(
          "cannot compute " + op + ": A is " + a.shape() + " and B is " + b.shape() + ", inner dimensions " + ka + " ≠ " + kb);
    }
  }

  /** {@code y += alpha·x} over {@code n} values (Vector API; {@link ReferenceKernels#axpy} is the scalar twin). */
  public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    int i = 0;
    int bound = S.loopBound(n);
    FloatVector a = FloatVector.broadcast(S, alpha);
    for (; i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, xOff + i).fma(a, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }

  /** The sum of {@code n} values from {@code off}, in vector lanes then reduced (a fixed order). */
  public static float sum(float[] x, int off, int n) {
    int i = 0;
    int bound = S.loopBound(n);
    FloatVector acc = FloatVector.zero(S);
    for (; i < bound; i += S.length()) {
      acc = acc.add(FloatVector.fromArray(S, x, off + i));
    }
    float s = Lanes.sum(acc);
    for (; i < n; i++) {
      s += x[off + i];
    }
    return s;
  }

  /** The dot product of {@code n} values, accumulated in float with four partial sums. */
  public static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[xOff + i] * y[yOff + i];
      s1 += x[xOff + i + 1] * y[yOff + i + 1];
      s2 += x[xOff + i + 2] * y[yOff + i + 2];
      s3 += x[xOff + i + 3] * y[yOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[xOff + i] * y[yOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
