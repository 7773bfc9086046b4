package dev.glassbox.methods.pcbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.head.HeadData;
import dev.glassbox.head.LinearHead;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.testing.Rand;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResidualHeadTrainerTest {
  static final int N = 24;
  static final int K = 3;
  static final int D = 5;
  static final int C = 3;

  static HeadData data() {
    FloatMatrix a = Rand.gaussian(N, K, 1);
    FloatMatrix x = Rand.gaussian(N, D, 2);
    int[] y = Rand.labels(N, C, 3);
    return new HeadData(a, y, a.rowRange(0, 4), java.util.Arrays.copyOf(y, 4), C, x, x.rowRange(0, 4));
  }

  static LinearHead frozen() {
    return new LinearHead(Rand.gaussian(C, K, 4), new float[] {0.1f, -0.2f, 0.3f}, null);
  }

  /** The loss from its definition: mean CE of (W a + b + R x + b_r) + l2·mean(R²). */
  static double loss(double[] r, double[] br, HeadData d, LinearHead f, double l2) {
    double ce = 0;
    for (int i = 0; i < N; i++) {
      double[] z = new double[C];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < C; c++) {
        z[c] = f.bias()[c] + br[c];
        for (int j = 0; j < K; j++) {
          z[c] += f.weight().get(c, j) * d.trainActivations().get(i, j);
        }
        for (int p = 0; p < D; p++) {
          z[c] += r[c * D + p] * d.trainInputs().get(i, p);
        }
        max = Math.max(max, z[c]);
      }
      double s = 0;
      for (double v : z) {
        s += Math.exp(v - max);
      }
      ce += Math.log(s) + max - z[d.trainLabels()[i]];
    }
    double sq = 0;
    for (double v : r) {
      sq += v * v;
    }
    return ce / N + l2 * sq / r.length;
  }

  @Test
  void firstFullBatchStepMovesEachResidualWeightAgainstItsGradientSign() {
    // Adam's first step is lr·g/(|g| + ε'): each parameter moves by ≈ lr against the sign of ∂L/∂θ.
    double lr = 1e-4;
    double l2 = 3.0;
    HeadData d = data();
    LinearHead f = frozen();
    ResidualConfig cfg = ResidualConfig.defaults().withLearningRate(lr).withEpochs(1).withBatchSize(N).withL2(l2);
    LinearHead h = new ResidualHeadTrainer(cfg, f, 9).fit(d, ProgressListener.NONE).head();
    SplittableRandom init = new SplittableRandom(9).split();
    double[] r0 = new double[C * D];
    double[] b0 = new double[C];
    for (int i = 0; i < r0.length; i++) {
      r0[i] = (float) ((2 * init.nextDouble() - 1) / Math.sqrt(D));
    }
    for (int i = 0; i < C; i++) {
      b0[i] = (float) ((2 * init.nextDouble() - 1) / Math.sqrt(D));
    }
    double hstep = 1e-5;
    int checked = 0;
    for (int i = 0; i < r0.length + C; i++) {
      double[] r = r0.clone();
      double[] b = b0.clone();
      double[] p = i < r0.length ? r : b;
      int k = i < r0.length ? i : i - r0.length;
      p[k] += hstep;
      double up = loss(r, b, d, f, l2);
      p[k] -= 2 * hstep;
      double down = loss(r, b, d, f, l2);
      double g = (up - down) / (2 * hstep);
      double moved = i < r0.length ? h.residual().data()[k] - r0[k] : (h.bias()[k] - f.bias()[k]) - b0[k];
      if (Math.abs(g) > 1e-3) {
        assertThat(Math.signum(moved)).as("parameter %d", i).isEqualTo(-Math.signum(g));
        assertThat(Math.abs(moved)).isCloseTo(lr, offset(2e-6));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void frozenWeightsStayAndTheResidualBiasFoldsIntoTheBias() {
    LinearHead f = frozen();
    LinearHead h = new ResidualHeadTrainer(ResidualConfig.defaults().withEpochs(3), f, 1).fit(data(), ProgressListener.NONE).head();
    assertThat(h.weight()).isEqualTo(f.weight());
    assertThat(h.bias()).isNotEqualTo(f.bias());
    assertThat(h.residual().rows()).isEqualTo(C);
    assertThat(h.residual().cols()).isEqualTo(D);
  }

  @Test
  void needsRawInputsAndAHeadWithoutResidual() {
    HeadData noInputs = new HeadData(Rand.gaussian(4, K, 1), new int[] {0, 1, 2, 0}, Rand.gaussian(0, K, 2), new int[0], C);
    assertThatThrownBy(() -> new ResidualHeadTrainer(ResidualConfig.defaults(), frozen(), 1).fit(noInputs, ProgressListener.NONE))
        .hasMessageContaining("PCBM-h trains on the raw embeddings");
    LinearHead withResidual = new LinearHead(Rand.gaussian(C, K, 4), new float[C], Rand.gaussian(C, D, 5));
    assertThatThrownBy(() -> new ResidualHeadTrainer(ResidualConfig.defaults(), withResidual, 1))
        .hasMessage("PCBM-h starts from a head without a residual; this one already has one");
  }
}
