package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.Explanation;
import dev.glassbox.io.ModelStore;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint's happy path, over real HTTP on a free port. */
class ApiTest {
  @TempDir
  static Path tmp;

  static Fixtures.Trained trained;
  static GlassboxServer server;
  static Http http;
  static Path models;

  @BeforeAll
  static void start() throws Exception {
    models = Files.createDirectories(tmp.resolve("models"));
    trained = Fixtures.synth(5, 40, 600, 24, 3, tmp.resolve("data"));
    Fixtures.save(models, "synth", 1, trained.model());
    server = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withReloadInterval(Duration.ZERO)
        .withDatasets(Map.of("synth", trained.datasetDir())));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String embeddingJson(float[] x) {
    StringBuilder sb = new StringBuilder("{\"embedding\": [");
    for (int i = 0; i < x.length; i++) {
      sb.append(i == 0 ? "" : ",").append(x[i]);
    }
    return sb.append("]}").toString();
  }

  @Test
  void healthListsLoadedModels() {
    Http.Response r = http.get("/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("ok");
    assertThat(r.json().path("models").get(0).path("name").asText()).isEqualTo("synth");
    assertThat(r.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void listsModelsAndDescribesOne() {
    JsonNode list = http.get("/v1/models").json();
    assertThat(list.path("models").size()).isEqualTo(1);
    assertThat(list.path("models").get(0).path("num_concepts").asInt()).isEqualTo(40);
    Http.Response r = http.get("/v1/models/synth");
    assertThat(r.status()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("classes").size()).isEqualTo(5);
    assertThat(j.path("num_concepts").asInt()).isEqualTo(40);
    assertThat(j.path("input_dim").asInt()).isEqualTo(24);
    assertThat(j.path("provenance").path("method").asText()).isEqualTo("sparse");
    assertThat(j.path("provenance").path("metrics").path("val_accuracy").asDouble()).isGreaterThan(0.5);
    assertThat(j.path("validation_accuracy").asDouble()).isGreaterThan(0.5);
    assertThat(j.path("image_input").path("available").asBoolean()).isFalse();
    assertThat(j.path("versions").toString()).contains("1");
  }

  @Test
  void listsConceptsAndWeights() {
    JsonNode c = http.get("/v1/models/synth/concepts").json();
    assertThat(c.path("concepts").size()).isEqualTo(40);
    assertThat(c.path("concepts").get(0).path("concept").asText()).isEqualTo(trained.model().concepts().get(0).text());
    JsonNode w = http.get("/v1/models/synth/weights?version=1").json();
    int nnz = trained.model().head().nonZeros();
    assertThat(w.path("entries").size()).isEqualTo(nnz);
    JsonNode e = w.path("entries").get(0);
    float expected = trained.model().head().weight().get(e.get(0).asInt(), e.get(1).asInt());
    assertThat((float) e.get(2).asDouble()).isEqualTo(expected);
    String cls = trained.model().classNames().get(2);
    JsonNode cw = http.get("/v1/models/synth/classes/" + cls + "/weights?version=1").json();
    assertThat(cw.path("weights").size()).isEqualTo(trained.model().head().nonZerosPerClass()[2]);
    assertThat(cw.path("weights").get(0).path("concept").asText())
        .isEqualTo(Explainer.classWeights(trained.model(), 2).get(0).text());
  }

  @Test
  void predictsFromAnEmbeddingAsTheModelDoes() {
    float[] x = Fixtures.embedding(trained.data(), 7);
    Prediction p = trained.model().predict(x);
    Http.Response r = http.postJson("/v1/models/synth/predict?top=3", embeddingJson(x));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("model").path("version").asInt()).isEqualTo(1);
    assertThat(j.path("predicted").path("index").asInt()).isEqualTo(p.predicted());
    assertThat(j.path("predicted").path("probability").asDouble()).isCloseTo(p.probabilities()[p.predicted()], org.assertj.core.data.Offset.offset(1e-6));
    assertThat(j.path("classes").size()).isEqualTo(3);
    assertThat(j.path("contributions").size()).isBetween(1, 3);
    assertThat(j.has("embedding")).isFalse();
  }

  @Test
  void explainsWithEveryNonZeroContributionAndNotLabels() {
    float[] x = Fixtures.embedding(trained.data(), 11);
    ConceptBottleneckModel m = trained.model();
    Explanation e = Explainer.explain(m, x, 1000, -1);
    JsonNode j = http.postJson("/v1/models/synth/explain", embeddingJson(x)).json();
    assertThat(j.path("contributions").size()).isEqualTo(e.contributions().size());
    assertThat(j.path("explained").path("bias").asDouble()).isCloseTo(e.bias(), org.assertj.core.data.Offset.offset(1e-6));
    double sum = j.path("explained").path("sum_contributions").asDouble() + j.path("explained").path("bias").asDouble()
        + j.path("explained").path("residual").asDouble();
    assertThat(sum).isCloseTo(j.path("explained").path("logit").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
    for (JsonNode c : j.path("contributions")) {
      String label = c.path("label").asText();
      if (c.path("activation").asDouble() < 0) {
        assertThat(label).isEqualTo("NOT " + c.path("concept").asText());
      } else {
        assertThat(label).isEqualTo(c.path("concept").asText());
      }
    }
    assertThat(j.path("top_activations").size()).isEqualTo(5);
    String other = m.classNames().get((e.predicted() + 1) % m.numClasses());
    JsonNode k = http.postJson("/v1/models/synth/explain", embeddingJson(x).replace("{", "{\"explain_class\": \"" + other + "\", "))
        .json();
    assertThat(k.path("explained").path("class").asText()).isEqualTo(other);
  }

  @Test
  void intervenesAndReportsTheNewPredictionBesideTheOld() throws Exception {
    float[] x = Fixtures.embedding(trained.data(), 21);
    JsonNode e = http.postJson("/v1/models/synth/explain", embeddingJson(x)).json();
    String top = e.path("contributions").get(0).path("concept").asText();
    String body = embeddingJson(x).replace("{", "{\"set\": {\"" + top + "\": -30}, ");
    Http.Response r = http.postJson("/v1/models/synth/intervene", body);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("interventions").get(0).path("after").asDouble()).isEqualTo(-30.0);
    assertThat(j.path("before").path("predicted").path("index").asInt()).isEqualTo(e.path("predicted").path("index").asInt());
    assertThat(j.path("after").path("predicted").path("probability").asDouble())
        .isNotEqualTo(j.path("before").path("predicted").path("probability").asDouble());
    JsonNode z = http.postJson("/v1/models/synth/intervene?return_embedding=true",
        embeddingJson(x).replace("{", "{\"zero\": [\"" + top + "\"], ")).json();
    assertThat(z.path("interventions").get(0).path("kind").asText()).isEqualTo("zero");
    assertThat(z.path("interventions").get(0).path("after").asDouble()).isZero();
    assertThat(z.path("embedding").size()).isEqualTo(24);
  }

  @Test
  void editsSaveANewVersionWithTheEditInItsProvenanceAndReportAccuracy() throws Exception {
    String concept = trained.model().concepts().get(Explainer.classWeights(trained.model(), 0).get(0).concept()).text();
    Http.Response r = http.postJson("/v1/models/synth/edits", Map.of("zero", List.of(concept), "class", trained.model().classNames().get(0)));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    JsonNode j = r.json();
    int v = j.path("model").path("version").asInt();
    assertThat(v).isEqualTo(j.path("base_version").asInt() + 1);
    assertThat(j.path("validation").path("accuracy_before").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.path("validation").path("accuracy_after").asDouble()).isBetween(0.0, 1.0);
    ConceptBottleneckModel saved = ModelStore.load(models.resolve("synth").resolve(Integer.toString(v)));
    assertThat(saved.provenance().edits()).isNotEmpty();
    assertThat(saved.provenance().edits().get(saved.provenance().edits().size() - 1).get("concept")).isEqualTo(concept);
    assertThat(http.get("/v1/models/synth").json().path("version").asInt()).isGreaterThanOrEqualTo(v);
    // the old version stays reachable
    assertThat(http.get("/v1/models/synth?version=1").json().path("version").asInt()).isEqualTo(1);
    try (var s = Files.list(models.resolve("synth"))) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
    }
  }

  @Test
  void reloadPicksUpAVersionCopiedIntoTheModelsDirectory() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other-models"));
    try (GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(other).withPort(0).withReloadInterval(Duration.ZERO))) {
      Http h = new Http(s.uri());
      assertThat(h.get("/v1/models/late").status()).isEqualTo(404);
      Fixtures.save(other, "late", 1, trained.model());
      JsonNode r = h.postJson("/v1/reload", "{}").json();
      assertThat(r.path("changed").get(0).path("name").asText()).isEqualTo("late");
      Fixtures.save(other, "late", 7, trained.model());
      assertThat(h.postJson("/v1/models/late/reload", "{}").json().path("version").asInt()).isEqualTo(7);
      assertThat(h.get("/v1/models/late").json().path("version").asInt()).isEqualTo(7);
    }
  }

  @Test
  void hotReloadOnATimerServesANewVersion() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("timer-models"));
    Fixtures.save(other, "m", 1, trained.model());
    try (GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(other).withPort(0).withReloadInterval(Duration.ofMillis(100)))) {
      Http h = new Http(s.uri());
      assertThat(h.get("/v1/models/m").json().path("version").asInt()).isEqualTo(1);
      Fixtures.save(other, "m", 2, trained.model());
      long until = System.nanoTime() + 10_000_000_000L;
      int v = 1;
      while (v != 2 && System.nanoTime() < until) {
        Thread.sleep(50);
        v = h.get("/v1/models/m").json().path("version").asInt();
      }
      assertThat(v).isEqualTo(2);
    }
  }

  @Test
  void metricsCountRequestsPerRouteAndStatus() {
    http.get("/v1/models/synth");
    http.get("/v1/models/nope");
    String m = http.get("/metrics").text();
    assertThat(m).contains("glassbox_http_requests_total{method=\"GET\",route=\"/v1/models/{name}\",status=\"200\"}");
    assertThat(m).contains("glassbox_http_requests_total{method=\"GET\",route=\"/v1/models/{name}\",status=\"404\"}");
    assertThat(m).contains("glassbox_http_request_duration_seconds_bucket{method=\"GET\",route=\"/v1/models/{name}\",status=\"200\",le=\"+Inf\"}");
    assertThat(m).contains("glassbox_http_requests_in_flight").contains("glassbox_http_queue_depth").contains("glassbox_model_loads_total{result=\"ok\"}");
  }

  @Test
  void openApiDocumentsEveryRoute() {
    JsonNode doc = http.get("/openapi.json").json();
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    Set<String> documented = new HashSet<>();
    for (var p : doc.path("paths").properties()) {
      p.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey()));
    }
    List<String> missing = new ArrayList<>();
    for (String r : server.routes()) {
      if (!documented.contains(r)) {
        missing.add(r);
      }
    }
    assertThat(missing).isEmpty();
    assertThat(documented).hasSameSizeAs(server.routes());
    assertThat(doc.path("components").path("schemas").has("Error")).isTrue();
  }

  @Test
  void servesTheWebUi() {
    Http.Response r = http.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).contains("<title>Glassbox").contains("app.js");
    assertThat(http.get("/app.js").status()).isEqualTo(200);
    assertThat(http.get("/style.css").status()).isEqualTo(200);
  }

  @Test
  void listsAndServesSampleImagesFromTheConfiguredFolderOnly() throws Exception {
    Path samples = Files.createDirectories(tmp.resolve("samples"));
    byte[] png = Fixtures.png(40, 2);
    Files.write(samples.resolve("bird.png"), png);
    Files.write(samples.resolve(".hidden.png"), png);
    Files.writeString(samples.resolve("notes.txt"), "not an image");
    Files.createDirectories(samples.resolve("sub.png"));
    Files.write(tmp.resolve("outside.png"), png);
    try (GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withReloadInterval(Duration.ZERO)
        .withSamplesDir(samples))) {
      Http h = new Http(s.uri());
      JsonNode list = h.get("/v1/samples").json();
      assertThat(list.path("samples").size()).isEqualTo(1);
      assertThat(list.path("samples").get(0).path("name").asText()).isEqualTo("bird.png");
      Http.Response img = h.get(list.path("samples").get(0).path("url").asText());
      assertThat(img.status()).isEqualTo(200);
      assertThat(img.header("Content-Type")).isEqualTo("image/png");
      assertThat(img.body()).isEqualTo(png);
      assertThat(h.get("/v1/samples/.hidden.png").status()).isEqualTo(404);
      assertThat(h.get("/v1/samples/notes.txt").status()).isEqualTo(404);
      assertThat(h.get("/v1/samples/..%2Foutside.png").status()).isIn(400, 404);
      assertThat(h.get("/health").json().path("samples").asBoolean()).isTrue();
    }
  }
}
