package dev.glassbox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Split;
import dev.glassbox.evaluate.ConceptRecovery;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The foundation's acceptance case: 20 classes, 200 concepts (3–5 true each), 10,000 items, 128-d. */
class SparseMethodOnSynthTest {
  static SynthData data;
  static TrainResult result;

  @BeforeAll
  static void train() {
    data = SynthGenerator.generate(SynthConfig.of(20, 200, 10_000, 128, 7));
    result = CbmMethods.train("sparse", new TrainingInput(data.dataset(), data.concepts(), 0), Map.of(), ProgressListener.NONE);
  }

  @Test
  void sparseHeadIsWithinTwoPointsOfTheDenseBaseline() {
    double val = (Double) result.metrics().get("val_accuracy");
    double dense = (Double) result.metrics().get("dense_val_accuracy");
    assertThat(val).isGreaterThanOrEqualTo(dense - 0.02);
    assertThat(val).isGreaterThan(0.8);
  }

  @Test
  void atMostTenNonZeroWeightsPerClass() {
    for (int nz : result.model().head().nonZerosPerClass()) {
      assertThat(nz).isLessThanOrEqualTo(10);
    }
    @SuppressWarnings("unchecked")
    List<Integer> reported = (List<Integer>) result.metrics().get("nonzeros_per_class");
    assertThat(reported).hasSize(20).allMatch(v -> v <= 10);
  }

  @Test
  void recoversAtLeastNinetyPercentOfTrueConcepts() {
    ConceptRecovery r = Evaluator.recovery(result.model(), data.dataset().groundTruth());
    assertThat(r.overall()).isGreaterThanOrEqualTo(0.9);
    assertThat((Double) result.metrics().get("true_concept_recovery")).isEqualTo(r.overall());
  }

  @Test
  void selectedPointConvergedAndTestAccuracyIsReported() {
    assertThat(result.fit().converged()).isTrue();
    assertThat(Evaluator.evaluate(result.model(), data.dataset(), Split.TEST).top1()).isEqualTo(result.metrics().get("test_accuracy"));
  }

  @Test
  void sameConfigDataAndSeedGiveBitIdenticalWeights() {
    SynthData again = SynthGenerator.generate(SynthConfig.of(20, 200, 10_000, 128, 7));
    TrainResult r2 = CbmMethods.train("sparse", new TrainingInput(again.dataset(), again.concepts(), 0), Map.of(), ProgressListener.NONE);
    assertThat(r2.model().head().weight().data()).containsExactly(result.model().head().weight().data());
    assertThat(r2.model().head().bias()).containsExactly(result.model().head().bias());
    assertThat(r2.model().provenance().datasetFingerprint()).isEqualTo(result.model().provenance().datasetFingerprint());
  }

  @Test
  void provenanceRecordsConfigSeedAndHashes() {
    var p = result.model().provenance();
    assertThat(p.method()).isEqualTo("sparse");
    assertThat(p.config()).containsKeys("bottleneck", "head");
    assertThat(p.conceptSetHash()).isEqualTo(data.concepts().concepts().hash());
    assertThat(p.datasetFingerprint()).hasSize(64);
    assertThat(p.java()).isNotBlank();
  }
}
