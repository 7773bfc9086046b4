package dev.glassbox.methods.pcbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.data.Split;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.explain.Contribution;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.Explanation;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PcbmMethodTest {
  static SynthData data;
  static TrainResult pcbm;
  static TrainResult hybrid;

  @BeforeAll
  static void train() {
    data = SynthGenerator.generate(SynthConfig.of(10, 40, 4000, 32, 3));
    pcbm = CbmMethods.train("pcbm", new TrainingInput(data.dataset(), data.concepts(), 1), Map.of(), ProgressListener.NONE);
    hybrid = CbmMethods.train("pcbm-h", new TrainingInput(data.dataset(), data.concepts(), 1), Map.of(), ProgressListener.NONE);
  }

  @Test
  void pcbmScoresUnstandardisedMarginsWithPcbmsHeadProfile() {
    ProjectionBottleneck b = (ProjectionBottleneck) pcbm.model().bottleneck();
    assertThat(b.scoring()).isEqualTo(Scoring.DOT);
    assertThat(b.standardization()).isNull();
    assertThat(pcbm.fit().path()).hasSize(1);
    assertThat(pcbm.fit().selectedReport().lambda()).isEqualTo(1e-5);
    @SuppressWarnings("unchecked")
    Map<String, Object> head = (Map<String, Object>) pcbm.model().provenance().config().get("head");
    assertThat(head).containsEntry("alpha", 0.99).containsEntry("lambda", 1e-5);
    assertThat(pcbm.metrics()).containsEntry("bank", "cav").containsEntry("bank_concepts", 40).containsKeys("cav_mean_val_accuracy",
        "converged", "true_concept_recovery");
    assertThat((Double) pcbm.metrics().get("val_accuracy")).isGreaterThan(0.9);
    assertThat(pcbm.model().concepts()).isEqualTo(data.concepts().concepts());
  }

  @Test
  void provenanceStoresEveryCavWithItsMarginStatistics() {
    @SuppressWarnings("unchecked")
    Map<String, Object> bank = (Map<String, Object>) pcbm.model().provenance().config().get("bank");
    assertThat(bank).containsEntry("kind", "cav");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cavs = (List<Map<String, Object>>) bank.get("cavs");
    assertThat(cavs).hasSize(40);
    assertThat(cavs.get(0)).containsKeys("concept", "C", "train_accuracy", "val_accuracy", "intercept", "weight_norm", "margin");
    @SuppressWarnings("unchecked")
    Map<String, Object> margin = (Map<String, Object>) cavs.get(0).get("margin");
    assertThat(margin).containsKeys("max", "min", "pos_mean", "pos_std", "neg_mean", "neg_std", "q10", "q90", "pos_count", "neg_count");
    ProjectionBottleneck b = (ProjectionBottleneck) pcbm.model().bottleneck();
    assertThat((double) b.intercepts()[0]).isCloseTo((Double) cavs.get(0).get("intercept"), offset(1e-6));
  }

  @Test
  void hybridFreezesThePcbmAndAddsAResidual() {
    var h = hybrid.model().head();
    var p = pcbm.model().head();
    assertThat(h.weight()).isEqualTo(p.weight());
    assertThat(h.residual()).isNotNull();
    assertThat(h.residual().rows()).isEqualTo(10);
    assertThat(h.residual().cols()).isEqualTo(32);
    assertThat(hybrid.model().bottleneck().tensors()).isEqualTo(pcbm.model().bottleneck().tensors());
    assertThat(hybrid.metrics().get("pcbm_val_accuracy")).isEqualTo(pcbm.metrics().get("val_accuracy"));
    assertThat((Double) hybrid.metrics().get("val_accuracy")).isGreaterThanOrEqualTo((Double) pcbm.metrics().get("val_accuracy") - 0.02);
    assertThat(hybrid.metrics()).containsKeys("residual_converged", "pcbm_converged", "converged");
    @SuppressWarnings("unchecked")
    Map<String, Object> rc = (Map<String, Object>) hybrid.model().provenance().config().get("residual");
    assertThat(rc).containsEntry("learningRate", 1e-2).containsEntry("epochs", 20).containsEntry("batchSize", 64).containsEntry("l2", 1e-3);
  }

  @Test
  void hybridExplanationsShowTheResidualAsItsOwnTerm() {
    float[] x = data.dataset().embeddingsOf(new int[] {5}).data();
    Explanation e = Explainer.explain(hybrid.model(), x, 100, -1);
    assertThat(e.residual()).isNotZero();
    float sum = e.bias() + e.residual() + e.omittedSum();
    for (Contribution c : e.contributions()) {
      sum += c.contribution();
    }
    assertThat(sum).isCloseTo(e.logit(), offset(1e-3f));
  }

  @Test
  void sameSeedGivesBitIdenticalModels() {
    TrainResult again = CbmMethods.train("pcbm-h", new TrainingInput(data.dataset(), data.concepts(), 1), Map.of(), ProgressListener.NONE);
    assertThat(again.model().bottleneck().tensors()).isEqualTo(hybrid.model().bottleneck().tensors());
    assertThat(again.model().head().tensors()).isEqualTo(hybrid.model().head().tensors());
    TrainResult other = CbmMethods.train("pcbm-h", new TrainingInput(data.dataset(), data.concepts(), 2), Map.of(), ProgressListener.NONE);
    assertThat(other.model().head().residual()).isNotEqualTo(hybrid.model().head().residual());
  }

  @Test
  void textBankPathAndStandardisationOptions() {
    TrainResult t = CbmMethods.train("pcbm", new TrainingInput(data.dataset(), data.concepts(), 1),
        Map.of("bank", "text", "lambda", "path", "path-length", "12", "standardize", "true"), ProgressListener.NONE);
    ProjectionBottleneck b = (ProjectionBottleneck) t.model().bottleneck();
    assertThat(t.metrics()).containsEntry("bank", "text").doesNotContainKey("cav_mean_val_accuracy");
    assertThat(b.standardization()).isNotNull();
    assertThat(t.fit().path().size()).isGreaterThan(1);
    assertThat(Evaluator.evaluate(t.model(), data.dataset(), Split.TEST).top1()).isEqualTo(t.metrics().get("test_accuracy"));
  }

  @Test
  void conceptExamplesFromAFileDefineTheBank(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    var d = data.dataset();
    StringBuilder sb = new StringBuilder();
    int[] tr = d.indices(Split.TRAIN);
    for (int j : new int[] {4, 1}) {
      String name = data.concepts().concepts().get(j).text();
      for (int i : tr) {
        boolean on = d.groundTruth().itemConcepts().get(i, j) > 0.5f;
        sb.append(name).append('\t').append(on ? '+' : '-').append('\t').append(d.ids().get(i)).append('\n');
      }
    }
    java.nio.file.Path f = tmp.resolve("examples.tsv");
    java.nio.file.Files.writeString(f, sb.toString());
    TrainResult t = CbmMethods.train("pcbm", new TrainingInput(d, data.concepts(), 1), Map.of("concept-examples", f.toString()),
        ProgressListener.NONE);
    assertThat(t.model().concepts().texts()).containsExactly(data.concepts().concepts().get(4).text(), data.concepts().concepts().get(1).text());
    assertThat(t.model().concepts().get(0)).isEqualTo(data.concepts().concepts().get(4));
    assertThat(t.metrics()).doesNotContainKey("true_concept_recovery");
    assertThat(t.model().provenance().config()).containsEntry("concept_examples", f.toString());
  }

  @Test
  void readmeGridIsAccepted() {
    assertThat(PcbmMethod.cavConfig(new dev.glassbox.pipeline.MethodOptions("pcbm", new PcbmMethod().options(), Map.of("c-grid", "readme"))).cGrid())
        .containsExactly(0.001, 0.01, 0.1, 1.0, 10.0);
  }

  @Test
  void rareConceptsAreRefusedByName() {
    SynthData small = SynthGenerator.generate(SynthConfig.of(4, 30, 240, 16, 4));
    assertThatThrownBy(() -> CbmMethods.train("pcbm", new TrainingInput(small.dataset(), small.concepts(), 1), Map.of(), ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CAV training needs at least 10 positive and 10 negative examples per concept")
        .hasMessageContaining("\"concept_");
  }

  @Test
  void badInputGivesClearErrors() {
    assertThatThrownBy(() -> CbmMethods.train("pcbm", new TrainingInput(data.dataset(), null, 1), Map.of(), ProgressListener.NONE))
        .hasMessageContaining("with concept-examples=ground-truth needs the dataset's concept set");
    assertThatThrownBy(() -> CbmMethods.train("pcbm", new TrainingInput(data.dataset(), null, 1), Map.of("bank", "text"), ProgressListener.NONE))
        .hasMessageContaining("method 'pcbm' needs a concept set with embeddings");
    assertThatThrownBy(() -> CbmMethods.train("pcbm", new TrainingInput(data.dataset(), data.concepts(), 1), Map.of("c-grid", "0.1,x"),
        ProgressListener.NONE)).hasMessage("option 'c-grid' must be comma-separated numbers or readme, got '0.1,x'");
    assertThatThrownBy(() -> CbmMethods.train("pcbm", new TrainingInput(data.dataset(), data.concepts(), 1), Map.of("lambda", "0"),
        ProgressListener.NONE)).hasMessage("elastic-net lambda must be > 0 (or NaN for a path), got 0.0");
    assertThatThrownBy(() -> CbmMethods.train("pcbm", new TrainingInput(data.dataset(), data.concepts(), 1),
        Map.of("concept-examples", "/no/such/file.tsv"), ProgressListener.NONE)).hasMessageContaining("cannot read concept examples /no/such/file.tsv");
    assertThatThrownBy(() -> CbmMethods.train("pcbm-h", new TrainingInput(data.dataset(), data.concepts(), 1), Map.of("residual-epochs", "0"),
        ProgressListener.NONE)).hasMessage("PCBM-h residual epochs must be ≥ 1, got 0");
  }
}
