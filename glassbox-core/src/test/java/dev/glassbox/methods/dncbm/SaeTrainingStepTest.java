package dev.glassbox.methods.dncbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.math.AdamUpdate;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import dev.glassbox.testing.Rand;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SaeTrainingStepTest {
  static final int D = 7;
  static final int M = 11;
  static final int N = 9;
  static final double L1 = 0.3;

  /** The loss in double, straight from its definition: (1/n) Σ_i ‖x_i − x̂_i‖² + λ‖f_i‖₁. */
  static double referenceLoss(double[] we, double[] be, double[] dec, double[] bd, float[] x, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] f = new double[M];
      double l1 = 0;
      for (int j = 0; j < M; j++) {
        double pre = be[j];
        for (int p = 0; p < D; p++) {
          pre += we[j * D + p] * (x[i * D + p] - bd[p]);
        }
        f[j] = Math.max(0, pre);
        l1 += f[j];
      }
      double se = 0;
      for (int p = 0; p < D; p++) {
        double xh = bd[p];
        for (int j = 0; j < M; j++) {
          xh += f[j] * dec[j * D + p];
        }
        se += (xh - x[i * D + p]) * (xh - x[i * D + p]);
      }
      total += se + L1 * l1;
    }
    return total / n;
  }

  static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  static SaeTrainingStep step(long seed) {
    SaeTrainingStep st = new SaeTrainingStep(D, M, N, L1, AdamUpdate.of(1e-3), new SplittableRandom(seed));
    // A non-zero pre-bias, so that both of its paths into the loss are exercised.
    float[] bd = Rand.gaussian(1, D, seed + 1).data();
    for (int p = 0; p < D; p++) {
      st.bd[p] = 0.3f * bd[p];
    }
    return st;
  }

  @Test
  void gradientsMatchCentralFiniteDifferencesOfTheLoss() {
    SaeTrainingStep st = step(11);
    float[] x = Rand.gaussian(N, D, 12).data();
    st.centre(x, 0, N);
    double loss = st.gradients(N);
    double[] we = toDouble(st.we);
    double[] be = toDouble(st.be);
    double[] dec = toDouble(st.dec);
    double[] bd = toDouble(st.bd);
    assertThat(loss).isCloseTo(referenceLoss(we, be, dec, bd, x, N), offset(1e-5 * loss));

    double[][] params = {we, be, dec, bd};
    float[][] grads = {st.gWe, st.gBe, st.gDec, st.gBd};
    String[] names = {"encoder", "encoder bias", "decoder", "pre-bias"};
    double h = 1e-6;
    int checked = 0;
    for (int t = 0; t < params.length; t++) {
      double[] p = params[t];
      for (int i = 0; i < p.length; i++) {
        double keep = p[i];
        p[i] = keep + h;
        double up = referenceLoss(we, be, dec, bd, x, N);
        p[i] = keep - h;
        double down = referenceLoss(we, be, dec, bd, x, N);
        p[i] = keep;
        double fd = (up - down) / (2 * h);
        assertThat((double) grads[t][i]).as("%s[%d]", names[t], i).isCloseTo(fd, offset(2e-4 + 1e-3 * Math.abs(fd)));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(2 * M * D + M + D);
  }

  @Test
  void aStepKeepsDecoderAtomsUnitNormAndLowersTheLoss() {
    SaeTrainingStep st = step(21);
    float[] x = Rand.gaussian(N, D, 22).data();
    double first = st.step(x, 0, N);
    double later = first;
    for (int i = 0; i < 200; i++) {
      later = st.step(x, 0, N);
    }
    assertThat(later).isLessThan(first);
    for (float norm : Matrices.rowNorms(FloatMatrix.wrap(M, D, st.dec))) {
      assertThat(norm).isCloseTo(1f, offset(1e-5f));
    }
    assertThat(st.steps()).isEqualTo(201);
  }

  @Test
  void firingCountsCountPositiveCodesPerAtom() {
    SaeTrainingStep st = step(31);
    float[] x = Rand.gaussian(N, D, 32).data();
    st.resetFired();
    st.centre(x, 0, N);
    st.gradients(N);
    float[] codes = st.codes.clone();
    for (int j = 0; j < M; j++) {
      int c = 0;
      for (int i = 0; i < N; i++) {
        if (codes[i * M + j] > 0) {
          c++;
        }
      }
      assertThat(st.fired[j]).isEqualTo((float) c);
    }
  }

  @Test
  void rejectsABatchLargerThanItsBuffers() {
    SaeTrainingStep st = step(41);
    assertThatThrownBy(() -> st.step(new float[(N + 1) * D], 0, N + 1))
        .hasMessage("batch of 10 rows, but this step holds 1 to 9");
  }
}
