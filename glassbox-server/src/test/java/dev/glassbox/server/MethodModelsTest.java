package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.Explanation;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Prediction;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every training method's model, saved as an artifact, is served: listed, predicted and explained as the model itself does. */
class MethodModelsTest {
  @org.junit.jupiter.api.io.TempDir
  static Path tmp;

  static SynthData data;
  static Map<String, ConceptBottleneckModel> trained = new LinkedHashMap<>();
  static GlassboxServer server;
  static Http http;

  /** Small settings so that every method trains in about a second. */
  static final Map<String, Map<String, String>> OPTIONS = Map.of(
      "sparse", Map.of("path-length", "10", "dense-baseline", "false"),
      "labo", Map.of("epochs", "30"),
      "probe", Map.of("c", "1"),
      "pcbm", Map.of("min-examples", "3", "samples-per-side", "20"),
      "pcbm-h", Map.of("min-examples", "3", "samples-per-side", "20", "residual-epochs", "3"),
      "dncbm", Map.of("expansion", "2", "epochs", "20", "probe-epochs", "20"),
      "cms", Map.of());

  @BeforeAll
  static void start() throws Exception {
    data = SynthGenerator.generate(SynthConfig.of(4, 16, 600, 24, 5));
    Path models = Files.createDirectories(tmp.resolve("models"));
    for (Map.Entry<String, Map<String, String>> e : OPTIONS.entrySet()) {
      TrainingInput in = new TrainingInput(data.dataset(), data.concepts(), 5, data.classEmbeddings());
      ConceptBottleneckModel m = CbmMethods.train(e.getKey(), in, e.getValue(), ProgressListener.NONE).model();
      trained.put(e.getKey(), m);
      Fixtures.save(models, e.getKey(), 1, m);
    }
    server = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withReloadInterval(Duration.ZERO));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sparse", "labo", "probe", "pcbm", "pcbm-h", "dncbm", "cms"})
  void servedAsTheModelPredictsAndExplains(String method) {
    ConceptBottleneckModel m = trained.get(method);
    JsonNode info = http.get("/v1/models/" + method).json();
    assertThat(info.path("classes").size()).isEqualTo(4);
    assertThat(info.path("provenance").path("method").asText()).isEqualTo(method);
    assertThat(info.path("residual").asBoolean()).isEqualTo(method.equals("pcbm-h"));
    for (int i : new int[] {3, 101, 402}) {
      float[] x = Fixtures.embedding(data, i);
      Prediction p = m.predict(x);
      Http.Response r = http.postJson("/v1/models/" + method + "/explain", ApiTest.embeddingJson(x));
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      JsonNode j = r.json();
      assertThat(j.path("predicted").path("index").asInt()).as("%s, item %d", method, i).isEqualTo(p.predicted());
      assertThat(j.path("predicted").path("probability").asDouble()).isCloseTo(p.probabilities()[p.predicted()], Offset.offset(1e-5));
      Explanation e = Explainer.explain(m, x, 1000, -1);
      assertThat(j.path("contributions").size()).isEqualTo(e.contributions().size());
    }
  }
}
