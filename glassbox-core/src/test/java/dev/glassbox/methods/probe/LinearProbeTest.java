package dev.glassbox.methods.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.Explanation;
import dev.glassbox.head.HeadData;
import dev.glassbox.head.LinearHead;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearProbeTest {
  /**
   * A separable 1-d toy whose best C is known: nine training items of class 0 at x = −1 (with a
   * tiny spread), one of class 1 at x = +1; validation items at ±0.8, balanced. As C → 0 the
   * weight vanishes and the unpenalised bias (the log prior, −log 9) predicts class 0 everywhere:
   * 50%. As C → ∞ the boundary tends to the maximum-margin point 0: 100%.
   */
  static HeadData separableToy() {
    float[] x = new float[10];
    int[] y = new int[10];
    for (int i = 0; i < 9; i++) {
      x[i] = -1f - 0.01f * i;
    }
    x[9] = 1f;
    y[9] = 1;
    float[] xv = {-0.8f, 0.8f, -0.8f, 0.8f};
    int[] yv = {0, 1, 0, 1};
    return new HeadData(FloatMatrix.wrap(10, 1, x), y, FloatMatrix.wrap(4, 1, xv), yv, 2);
  }

  @Test
  void searchPicksACWithTheAnalyticBestValidationAccuracy() {
    HeadData d = separableToy();
    LinearProbeTrainer.ProbeFit f = new LinearProbeTrainer(ProbeConfig.defaults().withMaxIterations(5000)).fit(d, ProgressListener.NONE);
    assertThat(f.triedC().get(1e-6)).as("precondition: strong regularisation predicts the prior").isEqualTo(0.5);
    assertThat(f.triedC().get(1e6)).as("precondition: weak regularisation reaches the max-margin boundary").isEqualTo(1.0);
    assertThat(f.fit().selectedReport().valAccuracy()).isEqualTo(1.0);
    assertThat(f.triedC().get(f.chosenC())).isEqualTo(1.0);
    assertThat(f.fit().path()).hasSize(f.triedC().size());
  }

  @Test
  void lambdaMapsScikitLearnsCExactly() {
    // At the optimum of C·Σ CE + ½‖w‖² (intercept free): C·Σ_i (p_i − y_i)·x_i + w = 0 and Σ_i (p_i − y_i) = 0.
    HeadData d = separableToy();
    double c = 0.7;
    LinearProbeTrainer.ProbeFit f = new LinearProbeTrainer(ProbeConfig.defaults().withFixedC(c).withTolerance(1e-7).withMaxIterations(20000))
        .fit(d, ProgressListener.NONE);
    LinearHead h = f.fit().head();
    assertThat(f.fit().selectedReport().lambda()).isEqualTo(LinearProbeTrainer.lambdaFor(c, 10)).isEqualTo(1 / 7.0);
    double[] gw = new double[2];
    double[] gb = new double[2];
    for (int i = 0; i < 10; i++) {
      double x = d.trainActivations().get(i, 0);
      double z0 = h.weight().get(0, 0) * x + h.bias()[0];
      double z1 = h.weight().get(1, 0) * x + h.bias()[1];
      double p1 = 1 / (1 + Math.exp(z0 - z1));
      double[] p = {1 - p1, p1};
      for (int k = 0; k < 2; k++) {
        double r = p[k] - (d.trainLabels()[i] == k ? 1 : 0);
        gw[k] += r * x;
        gb[k] += r;
      }
    }
    for (int k = 0; k < 2; k++) {
      assertThat(c * gw[k] + h.weight().get(k, 0)).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(gb[k]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
    }
    assertThat(f.fit().converged()).isTrue();
  }

  @Test
  void probeModelReadsRawEmbeddingsThroughIdentityDimensions() {
    SynthData sd = SynthGenerator.generate(SynthConfig.of(4, 20, 400, 8, 3));
    TrainResult r = CbmMethods.train("probe", new TrainingInput(sd.dataset(), null, 0), Map.of(), ProgressListener.NONE);
    assertThat(r.model().concepts().texts()).startsWith("dim 0", "dim 1").hasSize(8);
    assertThat(r.model().concepts().get(3).source()).isEqualTo(ProbeMethod.DIMENSION_SOURCE);
    float[] x = sd.dataset().embeddingsOf(new int[] {5}).data();
    assertThat(r.model().predict(x).activations()).containsExactly(x);
    assertThat(((ProjectionBottleneck) r.model().bottleneck()).standardization()).isNull();
    Explanation e = Explainer.explain(r.model(), x, 3, -1);
    assertThat(e.contributions()).hasSize(3).allMatch(c -> c.text().startsWith("dim "));
    assertThat((Double) r.metrics().get("test_accuracy")).isGreaterThan(0.9);
    assertThat(r.metrics()).containsKeys("selected_c", "c_search", "selected_lambda");
  }

  @Test
  void sameDataGiveBitIdenticalWeights() {
    SynthData sd = SynthGenerator.generate(SynthConfig.of(4, 20, 400, 8, 3));
    TrainResult a = CbmMethods.train("probe", new TrainingInput(sd.dataset(), null, 0), Map.of(), ProgressListener.NONE);
    TrainResult b = CbmMethods.train("probe", new TrainingInput(sd.dataset(), null, 1), Map.of(), ProgressListener.NONE);
    assertThat(b.model().head().weight().data()).containsExactly(a.model().head().weight().data());
    assertThat(b.model().head().bias()).containsExactly(a.model().head().bias());
  }

  @Test
  void withoutValidationItemsTheSearchAsksForAFixedC() {
    SynthData sd = SynthGenerator.generate(SynthConfig.of(3, 10, 90, 4, 3));
    Dataset d = sd.dataset();
    Dataset noVal = d.subset(trainAndTest(d), "no-val");
    assertThatThrownBy(() -> CbmMethods.train("probe", new TrainingInput(noVal, null, 0), Map.of(), ProgressListener.NONE))
        .hasMessageContaining("the linear probe chooses C on the validation split, and it is empty").hasMessageContaining("c=VALUE");
    TrainResult r = CbmMethods.train("probe", new TrainingInput(noVal, null, 0), Map.of("c", "1"), ProgressListener.NONE);
    assertThat(r.metrics().get("selected_c")).isEqualTo(1.0);
    assertThatThrownBy(() -> CbmMethods.train("probe", new TrainingInput(d, null, 0), Map.of("c", "-1"), ProgressListener.NONE))
        .hasMessageContaining("linear probe C must be > 0");
  }

  private static int[] trainAndTest(Dataset d) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      if (d.splits()[i] != Split.VALIDATION) {
        rows.add(i);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }
}
