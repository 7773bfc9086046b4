package dev.glassbox.methods.dncbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.head.HeadData;
import dev.glassbox.head.HeadFit;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class L1ProbeTrainerTest {
  /** Non-negative codes where class c is marked by a large code on concept c and noise elsewhere. */
  static HeadData data(int n, int k, int c, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n * k];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % c;
      for (int j = 0; j < k; j++) {
        a[i * k + j] = r.nextDouble() < 0.2 ? (float) r.nextDouble() : 0f;
      }
      a[i * k + y[i]] += 2f;
    }
    FloatMatrix m = FloatMatrix.wrap(n, k, a);
    return new HeadData(m, y, m.rowRange(0, 40), java.util.Arrays.copyOf(y, 40), c);
  }

  static double meanAbs(HeadFit f) {
    double s = 0;
    for (float v : f.head().weight().data()) {
      s += Math.abs(v);
    }
    return s / f.head().weight().data().length;
  }

  @Test
  void learnsSeparableClassesWithZeroBias() {
    HeadData d = data(400, 12, 4, 1);
    HeadFit f = new L1ProbeTrainer(L1ProbeConfig.readmeExample().withEpochs(60).withBatchSize(64), 3).fit(d, ProgressListener.NONE);
    assertThat(f.selectedReport().trainAccuracy()).isGreaterThan(0.97);
    assertThat(f.selectedReport().valAccuracy()).isGreaterThan(0.97);
    assertThat(f.head().bias()).containsOnly(0f);
    assertThat(f.head().residual()).isNull();
  }

  @Test
  void largerL1GivesSmallerWeights() {
    HeadData d = data(400, 12, 4, 2);
    L1ProbeConfig c = L1ProbeConfig.readmeExample().withEpochs(60).withBatchSize(64);
    double weak = meanAbs(new L1ProbeTrainer(c.withL1(0), 3).fit(d, ProgressListener.NONE));
    double strong = meanAbs(new L1ProbeTrainer(c.withL1(5), 3).fit(d, ProgressListener.NONE));
    assertThat(strong).isLessThan(weak / 2);
  }

  @Test
  void firstFullBatchStepMovesEveryWeightAgainstTheSignOfTheLossGradient() {
    // Adam's first step is lr·g/(|g| + ε'), so each weight moves by ≈ lr against the sign of ∂L/∂w:
    // a sign check of the hand-written gradient (CE term and L1 term) against finite differences.
    HeadData d = data(30, 5, 3, 4);
    double lr = 1e-3;
    double l1 = 0.7;
    L1ProbeConfig c = new L1ProbeConfig(lr, l1, 30, 1, 0.9, 0.999, 1e-8, 0.01);
    float[] w1 = new L1ProbeTrainer(c, 5).fit(d, ProgressListener.NONE).head().weight().data();
    float[] w0 = initialWeights(5, 3 * 5, 5);
    double h = 1e-4;
    for (int i = 0; i < w0.length; i++) {
      double[] w = new double[w0.length];
      for (int j = 0; j < w.length; j++) {
        w[j] = w0[j];
      }
      w[i] += h;
      double up = loss(w, d, l1);
      w[i] -= 2 * h;
      double down = loss(w, d, l1);
      double fd = (up - down) / (2 * h);
      if (Math.abs(fd) > 1e-3) {
        assertThat((double) Math.signum(w0[i] - w1[i])).as("weight %d", i).isEqualTo(Math.signum(fd));
        assertThat(Math.abs(w0[i] - w1[i])).isCloseTo((float) lr, org.assertj.core.data.Offset.offset(1e-5f));
      }
    }
  }

  /** The trainer's initial weights: uniform in ±1/√k from the first split stream of the seed. */
  static float[] initialWeights(long seed, int count, int k) {
    SplittableRandom init = new SplittableRandom(seed).split();
    float[] w = new float[count];
    for (int i = 0; i < count; i++) {
      w[i] = (float) ((2 * init.nextDouble() - 1) / Math.sqrt(k));
    }
    return w;
  }

  static double loss(double[] w, HeadData d, double l1) {
    int n = d.trainLabels().length;
    int k = d.numConcepts();
    int c = d.numClasses();
    double ce = 0;
    for (int i = 0; i < n; i++) {
      double[] z = new double[c];
      double max = Double.NEGATIVE_INFINITY;
      for (int cl = 0; cl < c; cl++) {
        for (int j = 0; j < k; j++) {
          z[cl] += w[cl * k + j] * d.trainActivations().get(i, j);
        }
        max = Math.max(max, z[cl]);
      }
      double s = 0;
      for (double v : z) {
        s += Math.exp(v - max);
      }
      ce += Math.log(s) + max - z[d.trainLabels()[i]];
    }
    double abs = 0;
    for (double v : w) {
      abs += Math.abs(v);
    }
    return ce / n + l1 * abs / w.length;
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> L1ProbeConfig.defaults().withL1(-0.1)).hasMessage("L1 probe l1 must be ≥ 0, got -0.1");
    assertThatThrownBy(() -> L1ProbeConfig.defaults().withBatchSize(0)).hasMessage("L1 probe batchSize must be ≥ 1, got 0");
  }
}
