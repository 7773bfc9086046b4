package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Split;
import dev.glassbox.evaluate.Evaluation;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.Explanation;
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
import org.junit.jupiter.params.provider.CsvSource;

/** Every method's model goes through the artifact format, explain and evaluate unchanged. */
class MethodArtifactsTest {
  static SynthData data;

  @TempDir
  Path tmp;

  @BeforeAll
  static void generate() {
    data = SynthGenerator.generate(SynthConfig.of(4, 20, 400, 16, 5));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"labo, epochs=30", "labo, epochs=30;image-norm=true", "probe, search-steps=2", "cms, variant=similarity", "cms, variant=max-score"})
  void saveLoadGivesBitIdenticalPredictionsAndExplainAndEvaluateWork(String method, String opts) throws Exception {
    Map<String, String> o = MethodOptionsFixture.parse(opts);
    ConceptBottleneckModel model = CbmMethods.train(method, new TrainingInput(data.dataset(), data.concepts(), 4, data.classEmbeddings()), o,
        ProgressListener.NONE).model();
    Path dir = tmp.resolve(method);
    ModelStore.save(model, dir, false);
    ConceptBottleneckModel back = ModelStore.load(dir);
    FloatMatrix x = data.dataset().embeddings().toMatrix();
    assertThat(back.logits(x).data()).containsExactly(model.logits(x).data());
    assertThat(back.bottleneck().kind()).isEqualTo(model.bottleneck().kind());
    assertThat(back.bottleneck().config()).isEqualTo(model.bottleneck().config());
    assertThat(back.concepts()).isEqualTo(model.concepts());
    assertThat(back.provenance().method()).isEqualTo(method);
    assertThat(back.provenance().metrics()).containsKey("test_accuracy");

    float[] item = x.row(3);
    Explanation e = Explainer.explain(back, item, 5, -1);
    assertThat(e.contributions()).isNotEmpty();
    assertThat(e.predicted()).isEqualTo(model.predict(item).predicted());
    float sum = e.bias() + e.residual() + e.omittedSum();
    for (var c : e.contributions()) {
      sum += c.contribution();
    }
    assertThat(sum).isCloseTo(e.logit(), org.assertj.core.data.Offset.offset(1e-3f * Math.max(1f, Math.abs(e.logit()))));
    Evaluation ev = Evaluator.evaluate(back, data.dataset(), Split.TEST);
    assertThat(ev.top1()).isEqualTo(Evaluator.evaluate(model, data.dataset(), Split.TEST).top1()).isGreaterThan(0.5);
  }

  /** Parses {@code a=1;b=2}. */
  static final class MethodOptionsFixture {
    static Map<String, String> parse(String s) {
      Map<String, String> m = new java.util.LinkedHashMap<>();
      for (String kv : s.split(";")) {
        int eq = kv.indexOf('=');
        m.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
      }
      return m;
    }
  }
}
