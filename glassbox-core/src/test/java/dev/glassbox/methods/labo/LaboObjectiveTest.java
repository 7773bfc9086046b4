package dev.glassbox.methods.labo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.testing.Rand;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written gradient of LaBo's objective against central finite differences of a double-precision reference. */
class LaboObjectiveTest {

  @ParameterizedTest(name = "l1={0}, diversity={1}, scale={2}")
  @CsvSource({"0, 0, 100", "0.01, 0, 100", "0, 0.005, 100", "0.01, 0.005, 10", "0.3, 0.2, 1"})
  void gradientMatchesFiniteDifferences(double l1, double diversity, double scale) {
    int c = 4;
    int k = 7;
    int b = 6;
    // Small scores keep the logits (scale · S·Aᵀ) in a range where finite differences are accurate.
    float[] s = Rand.gaussian(b, k, 11).data();
    for (int i = 0; i < s.length; i++) {
      s[i] *= (float) (1.0 / scale);
    }
    float[] w = Rand.gaussian(c, k, 12).data();
    // One row clearly has the largest L1 norm, so the L1 term is differentiable here.
    for (int j = 0; j < k; j++) {
      w[2 * k + j] *= 3;
    }
    int[] y = {0, 1, 2, 3, 1, 2};
    LaboObjective obj = new LaboObjective(c, k, scale, l1, diversity);
    float[] grad = new float[c * k];
    double f = obj.lossAndGradient(w, s, b, y, grad);
    assertThat(f).isCloseTo(obj.lossReference(w, s, b, y), org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(f))));
    double maxErr = 0;
    double maxG = 0;
    for (int i = 0; i < c * k; i++) {
      float orig = w[i];
      float h = 1e-2f * Math.max(1f, Math.abs(orig));
      w[i] = orig + h;
      float up = w[i];
      double fp = obj.lossReference(w, s, b, y);
      w[i] = orig - h;
      float down = w[i];
      double fm = obj.lossReference(w, s, b, y);
      w[i] = orig;
      double fd = (fp - fm) / ((double) up - down);
      maxErr = Math.max(maxErr, Math.abs(fd - grad[i]));
      maxG = Math.max(maxG, Math.abs(fd));
    }
    assertThat(maxG).isPositive();
    assertThat(maxErr).isLessThan(2e-3 * maxG);
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3"})
  void gradientMatchesFiniteDifferencesOnRandomProblems(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int c = 2 + r.nextInt(5);
    int k = 3 + r.nextInt(20);
    int b = 1 + r.nextInt(9);
    float[] s = Rand.gaussian(b, k, seed * 7).data();
    float[] w = Rand.gaussian(c, k, seed * 13).data();
    int[] y = Rand.labels(b, c, seed);
    for (int i = 0; i < b; i++) {
      y[i] = Math.min(y[i], c - 1);
    }
    LaboObjective obj = new LaboObjective(c, k, 3, 0, 0.1);
    float[] grad = new float[c * k];
    obj.lossAndGradient(w, s, b, y, grad);
    for (int i = 0; i < c * k; i++) {
      float orig = w[i];
      w[i] = orig + 1e-2f;
      float up = w[i];
      double fp = obj.lossReference(w, s, b, y);
      w[i] = orig - 1e-2f;
      float down = w[i];
      double fm = obj.lossReference(w, s, b, y);
      w[i] = orig;
      double fd = (fp - fm) / ((double) up - down);
      assertThat((double) grad[i]).as("∂F/∂W[%d]", i).isCloseTo(fd, org.assertj.core.data.Offset.offset(2e-3 * Math.max(1, Math.abs(fd))));
    }
  }

  @org.junit.jupiter.api.Test
  void softmaxRowsSumToOneAndFollowTheWeights() {
    LaboObjective obj = new LaboObjective(2, 3, 100, 0, 0);
    float[] w = {0, 0, 0, 1, 0, 0};
    float[] a = new float[6];
    obj.softmax(w, a);
    assertThat(a[0]).isCloseTo(1f / 3, org.assertj.core.data.Offset.offset(1e-6f));
    double e = Math.E;
    assertThat((double) a[3]).isCloseTo(e / (e + 2), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(a[3] + a[4] + a[5]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
  }
}
