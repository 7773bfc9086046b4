package dev.glassbox.concepts.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GreedyTest {
  private static final double ONE_MINUS_INV_E = 1 - 1 / Math.E;

  @Test
  void lazyGreedyPicksExactlyWhatPlainGreedyPicksOnSeededRandomInstances() {
    SplittableRandom root = new SplittableRandom(20240501L);
    for (int trial = 0; trial < 400; trial++) {
      long seed = root.nextLong();
      SplittableRandom r = new SplittableRandom(seed);
      int n = 1 + r.nextInt(60);
      int customers = 1 + r.nextInt(40);
      boolean ties = r.nextBoolean();
      FacilityLocation f = SelectionFixtures.randomFacilityLocation(r, n, customers, ties);
      int k = 1 + r.nextInt(n);
      GreedyResult plain = Greedy.PLAIN.maximize(f, k, null, 0.5);
      GreedyResult lazy = Greedy.LAZY.maximize(f, k, null, 0.5);
      assertThat(lazy.picks()).as("replay with seed %d (n=%d, k=%d, ties=%s)", seed, n, k, ties).containsExactly(plain.picks());
      assertThat(lazy.value()).isEqualTo(plain.value());
      assertThat(lazy.gainEvaluations()).isLessThanOrEqualTo(plain.gainEvaluations());
    }
  }

  @Test
  void lazyGreedyMatchesPlainGreedyOnBlockedCosineCoverage() {
    SplittableRandom root = new SplittableRandom(77);
    for (int trial = 0; trial < 40; trial++) {
      long seed = root.nextLong();
      SplittableRandom r = new SplittableRandom(seed);
      int n = 5 + r.nextInt(120);
      int d = 2 + r.nextInt(24);
      FloatMatrix u = randomUnit(r, n, d);
      double[] w = new double[n];
      for (int j = 0; j < n; j++) {
        w[j] = r.nextInt(4) * 0.1;
      }
      // A tiny cache forces blocks to be evicted and recomputed.
      CosineFacilityLocation f = new CosineFacilityLocation(u, w, 1.0, 1);
      int k = 1 + r.nextInt(n);
      GreedyResult plain = Greedy.PLAIN.maximize(f, k, null, 0.5);
      GreedyResult lazy = Greedy.LAZY.maximize(f, k, null, 0.5);
      assertThat(lazy.picks()).as("replay with seed %d", seed).containsExactly(plain.picks());
    }
  }

  @Test
  void blockedCosineCoverageComputesTheSameGainsAsTheDenseMatrix() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 70;
    FloatMatrix u = randomUnit(r, n, 9);
    double[] w = new double[n];
    FloatMatrix s = Matrices.cosine(u, u);
    FacilityLocation dense = new FacilityLocation(s.data(), n, n, w, 0.7);
    CosineFacilityLocation blocked = new CosineFacilityLocation(u, w, 0.7, 1);
    for (int step = 0; step < 5; step++) {
      for (int j = 0; j < n; j++) {
        assertThat(blocked.gain(j)).isCloseTo(dense.gain(j), within(1e-4));
      }
      int pick = r.nextInt(n);
      dense.add(pick);
      blocked.add(pick);
      assertThat(blocked.value()).isCloseTo(dense.value(), within(1e-4));
    }
  }

  @Test
  void facilityLocationGainIsTheDifferenceOfValuesComputedFromScratch() {
    SplittableRandom r = new SplittableRandom(9);
    int n = 12;
    int q = 7;
    FacilityLocation f = SelectionFixtures.randomFacilityLocation(r, n, q, false);
    boolean[] in = new boolean[n];
    for (int step = 0; step < 6; step++) {
      for (int j = 0; j < n; j++) {
        if (!in[j]) {
          in[j] = true;
          double with = valueFromScratch(f, in);
          in[j] = false;
          double without = valueFromScratch(f, in);
          assertThat(f.gain(j)).isCloseTo(with - without, within(1e-6));
        }
      }
      int pick = r.nextInt(n);
      if (!in[pick]) {
        in[pick] = true;
        f.add(pick);
      }
    }
  }

  @Test
  void greedyValueIsAtLeastOneMinusInverseEOfTheBruteForceOptimum() {
    SplittableRandom root = new SplittableRandom(4242);
    for (int trial = 0; trial < 150; trial++) {
      long seed = root.nextLong();
      SplittableRandom r = new SplittableRandom(seed);
      int n = 2 + r.nextInt(11);
      int k = 1 + r.nextInt(Math.min(5, n));
      FacilityLocation f = SelectionFixtures.randomFacilityLocation(r, n, 1 + r.nextInt(10), r.nextBoolean());
      double opt = bruteForceOptimum(f, n, k);
      for (Greedy g : new Greedy[] {Greedy.PLAIN, Greedy.LAZY}) {
        double v = g.maximize(f, k, null, 0.5).value();
        assertThat(v).as("%s, replay with seed %d", g, seed).isGreaterThanOrEqualTo(ONE_MINUS_INV_E * opt - 1e-9).isLessThanOrEqualTo(opt + 1e-9);
      }
    }
  }

  @Test
  void stochasticGreedyMeetsItsExpectedGuaranteeOnAverage() {
    SplittableRandom root = new SplittableRandom(99);
    double eps = 0.1;
    double sumRatio = 0;
    int trials = 120;
    for (int trial = 0; trial < trials; trial++) {
      SplittableRandom r = new SplittableRandom(root.nextLong());
      int n = 6 + r.nextInt(7);
      int k = 1 + r.nextInt(4);
      FacilityLocation f = SelectionFixtures.randomFacilityLocation(r, n, 1 + r.nextInt(8), false);
      double opt = bruteForceOptimum(f, n, k);
      sumRatio += Greedy.STOCHASTIC.maximize(f, k, r.split(), eps).value() / opt;
    }
    assertThat(sumRatio / trials).isGreaterThanOrEqualTo(ONE_MINUS_INV_E - eps);
  }

  @Test
  void stochasticGreedyIsReplayableFromItsSeed() {
    FacilityLocation f = SelectionFixtures.randomFacilityLocation(new SplittableRandom(1), 200, 30, false);
    GreedyResult a = Greedy.STOCHASTIC.maximize(f, 20, new SplittableRandom(7), 0.05);
    GreedyResult b = Greedy.STOCHASTIC.maximize(f, 20, new SplittableRandom(7), 0.05);
    assertThat(a.picks()).containsExactly(b.picks());
    assertThat(a.picks()).doesNotHaveDuplicates();
    // (n/k)·ln(1/ε) = 10·ln 20 ≈ 30 gains per step instead of ~200.
    assertThat(a.gainEvaluations()).isEqualTo(20L * 30);
  }

  @Test
  void lazyGreedyComputesFarFewerGainsThanPlainGreedy() {
    FacilityLocation f = SelectionFixtures.randomFacilityLocation(new SplittableRandom(3), 250, 250, false);
    GreedyResult plain = Greedy.PLAIN.maximize(f, 50, null, 0.5);
    GreedyResult lazy = Greedy.LAZY.maximize(f, 50, null, 0.5);
    assertThat(plain.gainEvaluations()).isEqualTo(250L * 50 - 50L * 49 / 2);
    assertThat(lazy.gainEvaluations()).isLessThan(plain.gainEvaluations() / 3);
  }

  @Test
  void rejectsBudgetsOutsideOneToTheNumberOfItems() {
    FacilityLocation f = SelectionFixtures.randomFacilityLocation(new SplittableRandom(3), 5, 3, false);
    for (Greedy g : Greedy.values()) {
      assertThatThrownBy(() -> g.maximize(f, -1, new SplittableRandom(0), 0.1)).hasMessageContaining("budget k must be in [1, 5]").hasMessageContaining("-1");
      assertThatThrownBy(() -> g.maximize(f, 6, new SplittableRandom(0), 0.1)).hasMessageContaining("got 6");
    }
    assertThatThrownBy(() -> Greedy.STOCHASTIC.maximize(f, 2, new SplittableRandom(0), 1.5)).hasMessageContaining("epsilon");
  }

  private static double valueFromScratch(SubmodularFunction f, boolean[] in) {
    f.reset();
    for (int j = 0; j < in.length; j++) {
      if (in[j]) {
        f.add(j);
      }
    }
    double v = f.value();
    return v;
  }

  /** The best value over all sets of exactly k items (enough for a monotone function). */
  static double bruteForceOptimum(SubmodularFunction f, int n, int k) {
    double best = Double.NEGATIVE_INFINITY;
    for (int mask = 0; mask < (1 << n); mask++) {
      if (Integer.bitCount(mask) != k) {
        continue;
      }
      f.reset();
      for (int j = 0; j < n; j++) {
        if ((mask & (1 << j)) != 0) {
          f.add(j);
        }
      }
      best = Math.max(best, f.value());
    }
    f.reset();
    return best;
  }

  private static FloatMatrix randomUnit(SplittableRandom r, int n, int d) {
    float[] a = new float[n * d];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) SelectionFixtures.gaussian(r);
    }
    return Matrices.normalizeRows(FloatMatrix.wrap(n, d, a));
  }

  @Test
  void vectorAndScalarCoverageGainsAreBitIdentical() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(23);
    for (int trial = 0; trial < 500; trial++) {
      int n = 1 + r.nextInt(300);
      int off = r.nextInt(5);
      float[] row = new float[off + n];
      float[] cur = new float[n];
      for (int i = 0; i < n; i++) {
        row[off + i] = (float) r.nextDouble(-1, 1);
        cur[i] = r.nextBoolean() ? 0f : (float) r.nextDouble(-1, 1);
      }
      double scalar = FacilityLocation.coverageGainScalar(row, off, cur, n);
      double vector = FacilityLocation.coverageGainVector(row, off, cur, n);
      org.assertj.core.api.Assertions.assertThat(Double.doubleToRawLongBits(vector)).as("trial %d, n %d", trial, n)
          .isEqualTo(Double.doubleToRawLongBits(scalar));
    }
  }
}
