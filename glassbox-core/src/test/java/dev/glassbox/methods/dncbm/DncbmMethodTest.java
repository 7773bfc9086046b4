package dev.glassbox.methods.dncbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.evaluate.Evaluation;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.Explanation;
import dev.glassbox.math.FloatMatrix;
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

class DncbmMethodTest {
  static SynthData data;
  static TrainResult result;
  static final Map<String, String> OPTIONS = Map.of(
      "epochs", "40", "batch-size", "256", "l1", "0.05", "learning-rate", "3e-3", "expansion", "4",
      "probe-profile", "readme", "probe-epochs", "60", "probe-batch-size", "128");

  @BeforeAll
  static void train() {
    data = SynthGenerator.generate(SynthConfig.of(6, 24, 1500, 32, 8));
    result = CbmMethods.train("dncbm", new TrainingInput(data.dataset(), data.concepts(), 4), OPTIONS, ProgressListener.NONE);
  }

  @Test
  void modelIsASparseAutoencoderBottleneckWithAProbeHead() {
    var m = result.model();
    assertThat(m.bottleneck()).isInstanceOf(SparseAutoencoderBottleneck.class);
    assertThat(m.bottleneck().kind()).isEqualTo("sae");
    assertThat(m.numConcepts()).isEqualTo(4 * 32);
    assertThat(m.head().bias()).containsOnly(0f);
    assertThat(m.provenance().method()).isEqualTo("dncbm");
    assertThat(m.provenance().config()).containsKeys("sae", "probe", "seeds");
  }

  @Test
  void metricsReportReconstructionDeadAtomsAndConvergence() {
    Map<String, Object> mt = result.metrics();
    assertThat((Double) mt.get("reconstruction_r2")).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(mt.get("reconstruction_r2_split")).isEqualTo("val");
    assertThat((Double) mt.get("dead_atom_share")).isBetween(0.0, 1.0);
    assertThat(mt).containsKeys("converged", "sae_converged", "probe_converged", "mean_active_atoms", "probe_zero_share_below", "naming_mean_cosine");
    assertThat(mt).doesNotContainKey("true_concept_recovery");
    assertThat((Double) mt.get("val_accuracy")).isGreaterThan(0.8);
    assertThat(result.fit().selectedReport().converged()).isEqualTo(mt.get("probe_converged"));
  }

  @Test
  void atomsAreNamedFromTheDatasetVocabulary() {
    ConceptSet cs = result.model().concepts();
    List<String> vocab = data.concepts().concepts().texts();
    for (int j = 0; j < cs.size(); j++) {
      assertThat(vocab).contains(cs.get(j).metadata().get("name"));
      assertThat(cs.get(j).metadata()).containsEntry("atom", Integer.toString(j));
    }
  }

  @Test
  void evaluationAndExplanationWorkAndSkipIndexRecovery() {
    Evaluation e = Evaluator.evaluate(result.model(), data.dataset(), Split.TEST);
    assertThat(e.top1()).isEqualTo(result.metrics().get("test_accuracy"));
    assertThat(e.recovery()).isNull();
    float[] x = data.dataset().embeddingsOf(new int[] {3}).data();
    Explanation ex = Explainer.explain(result.model(), x, 5, -1);
    float sum = ex.bias() + ex.residual() + ex.omittedSum();
    for (var c : ex.contributions()) {
      sum += c.contribution();
    }
    assertThat(sum).isCloseTo(ex.logit(), org.assertj.core.data.Offset.offset(1e-3f));
  }

  @Test
  void sameInputsAndSeedGiveBitIdenticalModels() {
    TrainResult again = CbmMethods.train("dncbm", new TrainingInput(data.dataset(), data.concepts(), 4), OPTIONS, ProgressListener.NONE);
    assertThat(again.model().bottleneck().tensors()).isEqualTo(result.model().bottleneck().tensors());
    assertThat(again.model().head().weight()).isEqualTo(result.model().head().weight());
    TrainResult other = CbmMethods.train("dncbm", new TrainingInput(data.dataset(), data.concepts(), 5), OPTIONS, ProgressListener.NONE);
    assertThat(other.model().head().weight()).isNotEqualTo(result.model().head().weight());
  }

  @Test
  void runsWithoutAVocabularyAndNumbersTheAtoms() {
    TrainResult r = CbmMethods.train("dncbm", new TrainingInput(data.dataset(), null, 4),
        Map.of("epochs", "2", "batch-size", "512", "expansion", "1", "probe-epochs", "2"), ProgressListener.NONE);
    assertThat(r.model().concepts().get(0).text()).isEqualTo("atom_0000");
    assertThat(r.metrics()).doesNotContainKey("naming_mean_cosine");
  }

  @Test
  void rejectsAVocabularyOfAnotherDimension() {
    ConceptEmbeddings wrong = new ConceptEmbeddings(ConceptSet.ofTexts(List.of("a", "b")), FloatMatrix.zeros(2, 5), null);
    assertThatThrownBy(() -> CbmMethods.train("dncbm", new TrainingInput(data.dataset(), wrong, 4), Map.of(), ProgressListener.NONE))
        .hasMessageContaining("concept embeddings are 5-d but the dataset's embeddings are 32-d");
  }

  @Test
  void rejectsBadOptionsNamingThem() {
    assertThatThrownBy(() -> CbmMethods.train("dncbm", new TrainingInput(data.dataset(), null, 4), Map.of("sae-profile", "paper"), ProgressListener.NONE))
        .hasMessage("option 'sae-profile' of method 'dncbm' must be one of readme, argparse, got 'paper'");
    assertThatThrownBy(() -> CbmMethods.train("dncbm", new TrainingInput(data.dataset(), null, 4), Map.of("l1", "lots"), ProgressListener.NONE))
        .hasMessage("option 'l1' of method 'dncbm' must be a number, got 'lots'");
    assertThatThrownBy(() -> CbmMethods.train("dncbm", new TrainingInput(data.dataset(), null, 4), Map.of("zero-below", "-1"), ProgressListener.NONE))
        .hasMessage("option 'zero-below' of method 'dncbm' must be ≥ 0, got -1.0");
  }

  @Test
  void profilesSetTheirDocumentedDefaults() {
    var opts = new dev.glassbox.pipeline.MethodOptions("dncbm", new DncbmMethod().options(), Map.of("sae-profile", "argparse", "probe-profile", "readme"));
    SaeConfig s = DncbmMethod.saeConfig(opts);
    assertThat(s.learningRate()).isEqualTo(1e-4);
    assertThat(s.l1()).isEqualTo(3e-4);
    assertThat(s.expansion()).isEqualTo(4);
    L1ProbeConfig p = DncbmMethod.probeConfig(opts);
    assertThat(p.learningRate()).isEqualTo(1e-2);
    assertThat(p.l1()).isEqualTo(0.1);
    SaeConfig readme = DncbmMethod.saeConfig(new dev.glassbox.pipeline.MethodOptions("dncbm", new DncbmMethod().options(), Map.of()));
    assertThat(readme).isEqualTo(SaeConfig.defaults());
  }
}
