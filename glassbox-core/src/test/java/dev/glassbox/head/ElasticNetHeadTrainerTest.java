package dev.glassbox.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Standardization;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.testing.Rand;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ElasticNetHeadTrainerTest {
  /** A small multinomial problem whose classes depend on a few features. */
  static HeadData problem(int n, int k, int c, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    FloatMatrix z = Rand.gaussian(n, k, r.nextLong());
    FloatMatrix wTrue = FloatMatrix.zeros(c, k);
    for (int cl = 0; cl < c; cl++) {
      for (int t = 0; t < 2; t++) {
        wTrue.set(cl, r.nextInt(k), (float) (1.5 + r.nextDouble()));
      }
    }
    int[] y = new int[n];
    float[] logit = new float[c];
    for (int i = 0; i < n; i++) {
      for (int cl = 0; cl < c; cl++) {
        double s = 0;
        for (int j = 0; j < k; j++) {
          s += wTrue.get(cl, j) * z.get(i, j);
        }
        logit[cl] = (float) (s + 0.7 * Rand.gaussian(r));
      }
      y[i] = dev.glassbox.math.Matrices.argmax(logit, 0, c);
    }
    z = Standardization.fit(z).apply(z);
    int nv = n / 4;
    return new HeadData(z.rowRange(nv, n), java.util.Arrays.copyOfRange(y, nv, n), z.rowRange(0, nv),
        java.util.Arrays.copyOfRange(y, 0, nv), c);
  }

  @Test
  void everyPathPointSatisfiesTheElasticNetKktConditions() {
    for (long seed = 1; seed <= 4; seed++) {
      HeadData d = problem(240, 12, 4, seed);
      ElasticNetConfig cfg = ElasticNetConfig.defaults().withPathLength(15).withEpsilon(1e-2).withTolerance(1e-7)
          .withMaxIterations(200_000).withPatience(0).withAlpha(seed % 2 == 0 ? 0.99 : 0.5);
      HeadFit fit = new ElasticNetHeadTrainer(cfg).fit(d, ProgressListener.NONE);
      assertThat(fit.path()).hasSize(15);
      for (FitReport r : fit.path()) {
        assertThat(r.converged()).as("seed %d λ %g converged", seed, r.lambda()).isTrue();
        assertThat(r.optimalityGap()).as("seed %d λ %g KKT violation", seed, r.lambda()).isLessThanOrEqualTo(1e-4);
      }
    }
  }

  @Test
  void kktConditionsHoldWhenCheckedIndependently() {
    HeadData d = problem(300, 10, 3, 9);
    double lambda = 0.02;
    double alpha = 0.8;
    ElasticNetConfig cfg = ElasticNetConfig.defaults().withLambda(lambda).withAlpha(alpha).withTolerance(1e-7).withMaxIterations(200_000);
    LinearHead h = new ElasticNetHeadTrainer(cfg).fit(d, ProgressListener.NONE).head();
    // Recompute the gradient of the mean cross-entropy in double, independently of the solver.
    int n = d.trainLabels().length;
    int k = d.numConcepts();
    int c = d.numClasses();
    double[][] g = new double[c][k];
    double[] gb = new double[c];
    for (int i = 0; i < n; i++) {
      double[] l = new double[c];
      double max = Double.NEGATIVE_INFINITY;
      for (int cl = 0; cl < c; cl++) {
        double s = h.bias()[cl];
        for (int j = 0; j < k; j++) {
          s += (double) h.weight().get(cl, j) * d.trainActivations().get(i, j);
        }
        l[cl] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int cl = 0; cl < c; cl++) {
        l[cl] = Math.exp(l[cl] - max);
        sum += l[cl];
      }
      for (int cl = 0; cl < c; cl++) {
        double p = l[cl] / sum - (cl == d.trainLabels()[i] ? 1 : 0);
        gb[cl] += p / n;
        for (int j = 0; j < k; j++) {
          g[cl][j] += p * d.trainActivations().get(i, j) / n;
        }
      }
    }
    int nonZero = 0;
    for (int cl = 0; cl < c; cl++) {
      assertThat(Math.abs(gb[cl])).isLessThanOrEqualTo(1e-4);
      for (int j = 0; j < k; j++) {
        double w = h.weight().get(cl, j);
        double smooth = g[cl][j] + lambda * (1 - alpha) * w;
        if (w != 0) {
          nonZero++;
          assertThat(Math.abs(smooth + lambda * alpha * Math.signum(w))).isLessThanOrEqualTo(1e-4);
        } else {
          assertThat(Math.abs(smooth)).isLessThanOrEqualTo(lambda * alpha + 1e-4);
        }
      }
    }
    assertThat(nonZero).isPositive().isLessThan(c * k);
  }

  @Test
  void signConstrainedFitsObeyTheirSignsAndTheirKktConditions() {
    HeadData d = problem(300, 10, 3, 21);
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    byte[] signs = new byte[3 * 10];
    for (int i = 0; i < signs.length; i++) {
      signs[i] = (byte) (r.nextInt(3) - 1);
    }
    double lambda = 0.01;
    double alpha = 0.9;
    ElasticNetConfig cfg = ElasticNetConfig.defaults().withLambda(lambda).withAlpha(alpha).withTolerance(1e-7).withMaxIterations(200_000);
    HeadFit fit = new ElasticNetHeadTrainer(cfg, signs).fit(d, ProgressListener.NONE);
    assertThat(fit.converged()).isTrue();
    assertThat(fit.selectedReport().optimalityGap()).isLessThanOrEqualTo(1e-4);
    float[] w = fit.head().weight().data();
    int nonZero = 0;
    for (int i = 0; i < w.length; i++) {
      if (signs[i] > 0) {
        assertThat(w[i]).isGreaterThanOrEqualTo(0f);
      } else if (signs[i] < 0) {
        assertThat(w[i]).isLessThanOrEqualTo(0f);
      }
      nonZero += w[i] != 0 ? 1 : 0;
    }
    assertThat(nonZero).isPositive();
    // A constrained fit is no better on the training objective than the free one at the same λ.
    HeadFit free = new ElasticNetHeadTrainer(cfg).fit(d, ProgressListener.NONE);
    assertThat(fit.selectedReport().objective()).isGreaterThanOrEqualTo(free.selectedReport().objective() - 1e-6);
  }

  @Test
  void lambdaMaxGivesTheInterceptOnlyModel() {
    HeadData d = problem(200, 8, 3, 3);
    HeadFit fit = new ElasticNetHeadTrainer(ElasticNetConfig.defaults().withPathLength(5).withPatience(0)).fit(d, ProgressListener.NONE);
    assertThat(fit.path().get(0).nonZeros()).isZero();
    assertThat(fit.path().get(fit.path().size() - 1).nonZeros()).isPositive();
  }

  @Test
  void sameDataGiveBitIdenticalWeights() {
    HeadData d = problem(400, 20, 5, 11);
    ElasticNetConfig cfg = ElasticNetConfig.defaults().withPathLength(20);
    LinearHead a = new ElasticNetHeadTrainer(cfg).fit(d, ProgressListener.NONE).head();
    LinearHead b = new ElasticNetHeadTrainer(cfg).fit(d, ProgressListener.NONE).head();
    assertThat(a.weight().data()).containsExactly(b.weight().data());
    assertThat(a.bias()).containsExactly(b.bias());
  }

  @Test
  void selectedPointRespectsTheSparsityBudget() {
    HeadData d = problem(400, 30, 4, 12);
    ElasticNetConfig cfg = ElasticNetConfig.defaults().withPathLength(30).withMaxNonZerosPerClass(2)
        .withSelection(ElasticNetConfig.Selection.BEST_VALIDATION);
    HeadFit fit = new ElasticNetHeadTrainer(cfg).fit(d, ProgressListener.NONE);
    for (int nz : fit.head().nonZerosPerClass()) {
      assertThat(nz).isLessThanOrEqualTo(2);
    }
    assertThat(fit.selectedReport().valAccuracy()).isGreaterThan(0.5);
  }

  @Test
  void nonConvergenceIsReportedNotThrown() {
    HeadData d = problem(200, 10, 3, 13);
    HeadFit fit = new ElasticNetHeadTrainer(ElasticNetConfig.defaults().withLambda(1e-4).withMaxIterations(2).withTolerance(1e-9))
        .fit(d, ProgressListener.NONE);
    assertThat(fit.selectedReport().converged()).isFalse();
    assertThat(fit.selectedReport().iterations()).isLessThanOrEqualTo(2);
  }

  @Test
  void denseBaselineIsAtLeastAsAccurateOnTrainingData() {
    HeadData d = problem(400, 20, 4, 14);
    HeadFit dense = LogisticRegressionTrainer.defaults().fit(d, ProgressListener.NONE);
    assertThat(dense.selectedReport().valAccuracy()).isGreaterThan(0.7);
    assertThat(dense.head().nonZeros()).isEqualTo(4 * 20);
  }

  @Test
  void rejectsL1RatioAboveOne() {
    assertThatThrownBy(() -> ElasticNetConfig.defaults().withAlpha(1.5))
        .hasMessage("elastic-net alpha must be in (0, 1], got 1.5");
    assertThatThrownBy(() -> ElasticNetConfig.defaults().withEpsilon(0))
        .hasMessageContaining("epsilon");
  }

  @Test
  void featuresBeyondFloatRangeAreRefusedInsteadOfLoopingForever() {
    FloatMatrix z = FloatMatrix.zeros(6, 2);
    for (int i = 0; i < 6; i++) {
      z.set(i, i % 2, 3e20f);
    }
    assertThatThrownBy(() -> new MultinomialElasticNet(z, new int[] {0, 1, 0, 1, 0, 1}, 2, null))
        .hasMessageContaining("too large for the solver").hasMessageContaining("rescale the embeddings");
  }
}
