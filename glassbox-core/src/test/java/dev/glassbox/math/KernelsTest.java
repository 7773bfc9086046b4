package dev.glassbox.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.testing.Rand;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelsTest {
  @Test
  void gemmMatchesScalarReferenceForEveryTransposeCombination() {
    SplittableRandom r = new SplittableRandom(1);
    for (int trial = 0; trial < 40; trial++) {
      int m = 1 + r.nextInt(37);
      int n = 1 + r.nextInt(29);
      int k = 1 + r.nextInt(53);
      boolean ta = r.nextBoolean();
      boolean tb = r.nextBoolean();
      FloatMatrix a = Rand.gaussian(ta ? k : m, ta ? m : k, r.nextLong());
      FloatMatrix b = Rand.gaussian(tb ? n : k, tb ? k : n, r.nextLong());
      FloatMatrix c0 = Rand.gaussian(m, n, r.nextLong());
      float alpha = (float) r.nextDouble(-2, 2);
      float beta = trial % 3 == 0 ? 0f : (float) r.nextDouble(-1, 1);
      float[] fast = c0.data().clone();
      float[] ref = c0.data().clone();
      Kernels.gemm(ta, tb, m, n, k, alpha, a.data(), 0, a.cols(), b.data(), 0, b.cols(), beta, fast, 0, n);
      ReferenceKernels.gemm(ta, tb, m, n, k, alpha, a.data(), 0, a.cols(), b.data(), 0, b.cols(), beta, ref, 0, n);
      for (int i = 0; i < fast.length; i++) {
        assertThat(fast[i]).as("trial %d element %d", trial, i).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(ref[i]))));
      }
    }
  }

  @Test
  void convenienceProductsMatchReference() {
    FloatMatrix a = Rand.gaussian(17, 9, 2);
    FloatMatrix b = Rand.gaussian(9, 11, 3);
    FloatMatrix bt = Rand.gaussian(11, 9, 4);
    FloatMatrix a2 = Rand.gaussian(17, 5, 5);
    assertClose(Kernels.multiply(a, b), ReferenceKernels.multiply(a, b));
    assertClose(Kernels.multiplyTransposed(a, bt), ReferenceKernels.multiplyTransposed(a, bt));
    assertClose(Kernels.transposeMultiply(a, a2), ReferenceKernels.transposeMultiply(a, a2));
  }

  @Test
  void cosineMatchesReferenceAndIsBounded() {
    FloatMatrix a = Rand.gaussian(13, 21, 6);
    FloatMatrix b = Rand.gaussian(8, 21, 7);
    FloatMatrix c = Matrices.cosine(a, b);
    assertClose(c, ReferenceKernels.cosine(a, b));
    for (float v : c.data()) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo(1.0001f);
    }
  }

  @Test
  void vectorAxpyAndSumMatchScalar() {
    FloatMatrix x = Rand.gaussian(1, 1037, 9);
    FloatMatrix y = Rand.gaussian(1, 1040, 10);
    float[] fast = y.data().clone();
    float[] ref = y.data().clone();
    Kernels.axpy(1037, 0.37f, x.data(), 0, fast, 3);
    ReferenceKernels.axpy(1037, 0.37f, x.data(), 0, ref, 3);
    for (int i = 0; i < fast.length; i++) {
      assertThat(fast[i]).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
    double s = 0;
    for (int i = 5; i < 1037; i++) {
      s += x.data()[i];
    }
    assertThat((double) Kernels.sum(x.data(), 5, 1032)).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void rejectsMismatchedInnerDimensions() {
    assertThatThrownBy(() -> Kernels.multiply(FloatMatrix.zeros(2, 3), FloatMatrix.zeros(4, 2)))
        .hasMessageContaining("2 × 3").hasMessageContaining("4 × 2").hasMessageContaining("3 ≠ 4");
  }

  @Test
  void zeroInnerDimensionScalesC() {
    float[] c = {1, 2, 3, 4};
    Kernels.gemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0.5f, c, 0, 2);
    assertThat(c).containsExactly(0.5f, 1f, 1.5f, 2f);
  }

  @Test
  void topKReturnsLargestFirst() {
    float[] v = {0.1f, 5f, -2f, 3f, 5f, 4f};
    assertThat(Matrices.topK(v, 0, v.length, 3)).containsExactly(1, 4, 5);
    assertThat(Matrices.topK(v, 0, v.length, 10)).hasSize(6);
  }

  @Test
  void transposeOfTransposeIsIdentity() {
    FloatMatrix a = Rand.gaussian(70, 131, 8);
    assertThat(a.transpose().transpose()).isEqualTo(a);
    assertThat(a.transpose().get(5, 3)).isEqualTo(a.get(3, 5));
  }

  static void assertClose(FloatMatrix x, FloatMatrix y) {
    assertThat(x.rows()).isEqualTo(y.rows());
    assertThat(x.cols()).isEqualTo(y.cols());
    for (int i = 0; i < x.data().length; i++) {
      assertThat(x.data()[i]).isCloseTo(y.data()[i], org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(y.data()[i]))));
    }
  }
}
