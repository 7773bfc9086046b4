package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.data.Split;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.explain.Explainer;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Methods-I model saves and loads back to the same predictions, and explains and evaluates after loading. */
class PcbmDncbmArtifactsTest {
  static SynthData data;
  static final Map<String, Map<String, String>> OPTIONS = Map.of(
      "pcbm", Map.of("min-examples", "5"),
      "pcbm-h", Map.of("min-examples", "5", "residual-epochs", "3"),
      "dncbm", Map.of("epochs", "5", "batch-size", "256", "expansion", "2", "probe-epochs", "5", "l1", "0.05"));

  @TempDir
  Path tmp;

  @BeforeAll
  static void generate() {
    data = SynthGenerator.generate(SynthConfig.of(5, 20, 1500, 16, 6));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pcbm", "pcbm-h", "dncbm"})
  void saveThenLoadGivesBitIdenticalPredictions(String method) throws Exception {
    ConceptBottleneckModel m = CbmMethods.train(method, new TrainingInput(data.dataset(), data.concepts(), 2), OPTIONS.get(method),
        ProgressListener.NONE).model();
    Path dir = tmp.resolve(method);
    ModelStore.save(m, dir, false);
    ConceptBottleneckModel back = ModelStore.load(dir);
    FloatMatrix x = data.dataset().embeddings().toMatrix();
    assertThat(back.logits(x).data()).containsExactly(m.logits(x).data());
    assertThat(back.bottleneck().kind()).isEqualTo(m.bottleneck().kind());
    assertThat(back.bottleneck().tensors()).isEqualTo(m.bottleneck().tensors());
    assertThat(back.head().tensors()).isEqualTo(m.head().tensors());
    assertThat(back.concepts()).isEqualTo(m.concepts());
    assertThat(back.provenance().method()).isEqualTo(method);
    assertThat(back.provenance().metrics()).containsKey("val_accuracy");
    assertThat(ModelStore.manifest(dir).path("bottleneck").path("kind").asText()).isEqualTo(method.equals("dncbm") ? "sae" : "projection");
    if (method.equals("dncbm")) {
      assertThat(back.bottleneck()).isInstanceOf(SparseAutoencoderBottleneck.class);
    }
    if (method.equals("pcbm-h")) {
      assertThat(ModelStore.manifest(dir).path("head").path("residual").asBoolean()).isTrue();
    }
    assertThat(Evaluator.evaluate(back, data.dataset(), Split.TEST).top1()).isEqualTo(Evaluator.evaluate(m, data.dataset(), Split.TEST).top1());
    float[] one = data.dataset().embeddingsOf(new int[] {7}).data();
    var eb = Explainer.explain(back, one, 5, -1);
    var em = Explainer.explain(m, one, 5, -1);
    assertThat(eb.contributions()).isEqualTo(em.contributions());
    assertThat(eb.logit()).isEqualTo(em.logit());
    assertThat(eb.residual()).isEqualTo(em.residual());
  }
}
