package dev.glassbox.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.testing.Rand;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SaeKernelsTest {
  /** Shapes that hit the vector tails, several column blocks and the parallel path. */
  static final int[][] SHAPES = {{1, 1}, {3, 17}, {7, 255}, {5, 257}, {64, 600}, {300, 1030}};

  @Test
  void biasReluMatchesReferenceWithCountsAndSum() {
    SplittableRandom r = new SplittableRandom(1);
    for (int[] s : SHAPES) {
      int rows = s[0];
      int cols = s[1];
      float[] a = Rand.gaussian(rows + 1, cols, r.nextLong()).data();
      float[] bias = Rand.gaussian(1, cols, r.nextLong()).data();
      float[] fast = a.clone();
      float[] ref = a.clone();
      float[] firedFast = new float[cols];
      float[] firedRef = new float[cols];
      firedFast[0] = 2f;
      firedRef[0] = 2f;
      double sf = SaeKernels.biasRelu(fast, cols, rows, cols, bias, firedFast);
      double sr = SaeKernels.biasReluReference(ref, cols, rows, cols, bias, firedRef);
      assertThat(fast).containsExactly(ref);
      assertThat(firedFast).containsExactly(firedRef);
      assertThat(sf).isCloseTo(sr, offset(1e-4 * (1 + sr)));
      // The offset row before the block is untouched.
      for (int j = 0; j < cols; j++) {
        assertThat(fast[j]).isEqualTo(a[j]);
      }
    }
  }

  @Test
  void maskedGradientMatchesReference() {
    SplittableRandom r = new SplittableRandom(2);
    for (int[] s : SHAPES) {
      int rows = s[0];
      int cols = s[1];
      float[] f = Rand.gaussian(rows, cols, r.nextLong()).data();
      for (int i = 0; i < f.length; i++) {
        f[i] = Math.max(f[i], 0f);
      }
      float[] g = Rand.gaussian(rows, cols, r.nextLong()).data();
      float[] fast = g.clone();
      float[] ref = g.clone();
      float[] csFast = new float[cols];
      float[] csRef = new float[cols];
      java.util.Arrays.fill(csFast, 9f);
      SaeKernels.maskedGradient(fast, f, rows, cols, 0.25f, csFast);
      SaeKernels.maskedGradientReference(ref, f, rows, cols, 0.25f, csRef);
      assertThat(fast).containsExactly(ref);
      for (int j = 0; j < cols; j++) {
        assertThat(csFast[j]).isCloseTo(csRef[j], offset(1e-4f * (1 + Math.abs(csRef[j]))));
      }
    }
  }

  @Test
  void reconstructionErrorMatchesReference() {
    SplittableRandom r = new SplittableRandom(3);
    for (int[] s : SHAPES) {
      int rows = s[0];
      int cols = s[1];
      float[] e = Rand.gaussian(rows, cols, r.nextLong()).data();
      float[] x = Rand.gaussian(rows, cols, r.nextLong()).data();
      float[] fast = e.clone();
      float[] ref = e.clone();
      float[] csFast = new float[cols];
      float[] csRef = new float[cols];
      double sf = SaeKernels.reconstructionError(fast, x, rows, cols, 0.5f, csFast);
      double sr = SaeKernels.reconstructionErrorReference(ref, x, rows, cols, 0.5f, csRef);
      assertThat(fast).containsExactly(ref);
      assertThat(sf).isCloseTo(sr, offset(1e-4 * (1 + sr)));
      for (int j = 0; j < cols; j++) {
        assertThat(csFast[j]).isCloseTo(csRef[j], offset(1e-4f * (1 + Math.abs(csRef[j]))));
      }
    }
  }

  @Test
  void normalizeRowsGivesUnitRowsAndKeepsZeroRows() {
    FloatMatrix m = Rand.gaussian(70, 1030, 4);
    java.util.Arrays.fill(m.data(), 5 * 1030, 6 * 1030, 0f);
    float[] expect = Matrices.normalizeRows(m).data();
    SaeKernels.normalizeRows(m.data(), 70, 1030);
    for (int i = 0; i < expect.length; i++) {
      assertThat(m.data()[i]).isCloseTo(expect[i], offset(1e-6f));
    }
    assertThat(Matrices.rowNorms(m)[5]).isZero();
  }

  @Test
  void adamStepMatchesReferenceOverSeveralSteps() {
    AdamUpdate adam = new AdamUpdate(1e-2, 0.9, 0.999, 1e-8);
    int n = 70_001;
    float[] p = Rand.gaussian(1, n, 5).data();
    float[] p2 = p.clone();
    float[] m = new float[n];
    float[] v = new float[n];
    float[] m2 = new float[n];
    float[] v2 = new float[n];
    for (int t = 1; t <= 5; t++) {
      float[] g = Rand.gaussian(1, n, 10 + t).data();
      adam.step(p, g, m, v, 0, n, t);
      adam.stepReference(p2, g, m2, v2, 0, n, t);
    }
    for (int i = 0; i < n; i++) {
      assertThat(p[i]).isCloseTo(p2[i], offset(1e-5f));
    }
  }

  @Test
  void firstAdamStepMovesEachWeightByTheLearningRateAgainstItsGradient() {
    AdamUpdate adam = AdamUpdate.of(0.1);
    float[] p = {1f, 1f, 1f};
    float[] g = {3f, -0.5f, 0f};
    adam.step(p, g, new float[3], new float[3], 0, 3, 1);
    assertThat(p[0]).isCloseTo(0.9f, offset(1e-6f));
    assertThat(p[1]).isCloseTo(1.1f, offset(1e-6f));
    assertThat(p[2]).isEqualTo(1f);
  }

  @Test
  void rejectsNonPositiveLearningRate() {
    assertThatThrownBy(() -> AdamUpdate.of(0)).hasMessageContaining("Adam learning rate must be > 0, got 0.0");
  }
}
