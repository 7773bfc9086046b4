package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets a 4xx with a JSON error naming the field, and the server keeps
 * serving: each test follows the refused request with one that must succeed.
 */
class BadInputTest {
  static final long MAX_BODY = 256 * 1024;

  @TempDir
  static Path tmp;

  static Fixtures.Trained trained;
  static GlassboxServer server;
  static Http http;
  static String goodBody;

  @BeforeAll
  static void start() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("models"));
    trained = Fixtures.synth(4, 30, 400, 16, 5, null);
    Fixtures.save(models, "pix", 1, Fixtures.withEncoder(trained.model(), TestEncoderProvider.PIXELS));
    // A valid model outside the models directory: no request may reach it.
    Fixtures.save(tmp, "secret", 1, trained.model());
    server = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withReloadInterval(Duration.ZERO).withMaxBodyBytes(MAX_BODY)
        .withMaxImagePixels(4_000_000));
    http = new Http(server.uri());
    goodBody = ApiTest.embeddingJson(Fixtures.embedding(trained.data(), 3));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Asserts the JSON error, then that the server still answers a good request. */
  static JsonNode refusedThenServes(Http.Response r, int status, String field) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode j = r.json();
    assertThat(j.path("error").asText()).isNotBlank();
    assertThat(j.path("message").asText()).isNotBlank();
    assertThat(j.path("id").asText()).isNotBlank().isEqualTo(r.header("X-Request-Id"));
    if (field == null) {
      assertThat(j.has("field")).isTrue();
    } else {
      assertThat(j.path("field").asText()).isEqualTo(field);
    }
    Http.Response ok = http.postJson("/v1/models/pix/predict", goodBody);
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    Http.Response img = http.post("/v1/models/pix/predict", "image/png", Fixtures.png(64, 9));
    assertThat(img.status()).as(img.text()).isEqualTo(200);
    return j;
  }

  @Test
  void imagesGoThroughTheModelsEncoderFoundByServiceLoader() {
    Http.Response raw = http.post("/v1/models/pix/predict?return_embedding=true", "image/png", Fixtures.png(64, 1));
    assertThat(raw.status()).as(raw.text()).isEqualTo(200);
    assertThat(raw.json().path("embedding").size()).isEqualTo(16);
    Http.Response multi = http.postMultipart("/v1/models/pix/explain", Fixtures.png(64, 1), "bird.png", "{\"top\": 2}");
    assertThat(multi.status()).as(multi.text()).isEqualTo(200);
    assertThat(multi.json().path("classes").size()).isEqualTo(2);
    assertThat(multi.json().path("predicted").path("index").asInt()).isEqualTo(raw.json().path("predicted").path("index").asInt());
    String top = multi.json().path("contributions").get(0).path("concept").asText();
    Http.Response iv = http.post("/v1/models/pix/intervene?zero=" + java.net.URLEncoder.encode(top, StandardCharsets.UTF_8), "image/png",
        Fixtures.png(64, 1));
    assertThat(iv.status()).as(iv.text()).isEqualTo(200);
    assertThat(iv.json().path("interventions").get(0).path("after").asDouble()).isZero();
  }

  @Test
  void nonImageBytes() {
    JsonNode j = refusedThenServes(http.post("/v1/models/pix/predict", "image/png", "hello, not an image".getBytes(StandardCharsets.UTF_8)),
        422, "image");
    assertThat(j.path("message").asText()).contains("not an image");
  }

  @Test
  void truncatedPng() {
    JsonNode j = refusedThenServes(http.post("/v1/models/pix/predict", "image/png", BadImages.truncatedPng()), 422, "image");
    assertThat(j.path("message").asText()).containsAnyOf("truncated", "ends before", "corrupt", "cannot decode");
  }

  @Test
  void decompressionBombIsRefusedFromItsHeader() {
    byte[] bomb = BadImages.bomb(8000);
    assertThat(bomb.length).isLessThan((int) MAX_BODY);
    JsonNode j = refusedThenServes(http.post("/v1/models/pix/predict", "image/png", bomb), 413, "image");
    assertThat(j.path("message").asText()).contains("64000000 pixels").contains("refused before decoding");
    JsonNode m = refusedThenServes(http.postMultipart("/v1/models/pix/predict", bomb, "bomb.png", null), 413, "image");
    assertThat(m.path("error").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void wrongEmbeddingDimension() {
    JsonNode j = refusedThenServes(http.postJson("/v1/models/pix/predict", "{\"embedding\": [1, 2, 3]}"), 400, "embedding");
    assertThat(j.path("message").asText()).contains("3 values").contains("16-d");
  }

  @Test
  void nanAsALiteralAndAsAString() {
    JsonNode lit = refusedThenServes(http.postJson("/v1/models/pix/predict", "{\"embedding\": [1, 2, NaN, 4]}"), 400, "embedding[2]");
    assertThat(lit.path("message").asText()).contains("NaN");
    JsonNode str = refusedThenServes(http.postJson("/v1/models/pix/predict", "{\"embedding\": [1, \"NaN\", 3]}"), 400, "embedding[1]");
    assertThat(str.path("message").asText()).contains("string");
    refusedThenServes(http.postJson("/v1/models/pix/predict", "{\"embedding\": [1, Infinity]}"), 400, "embedding[1]");
    refusedThenServes(http.postJson("/v1/models/pix/predict", "{\"embedding\": [1, 1e39]}"), 400, "embedding[1]");
    refusedThenServes(http.postJson("/v1/models/pix/intervene", goodBody.replace("{", "{\"set\": {\"x\": NaN}, ")), 400, "set.x");
  }

  @Test
  void oversizedBodyWithAndWithoutContentLength() {
    // Raw sockets: the server refuses an oversized body before reading all of it, and a client that
    // kept writing the rest (as java.net.http does) can have the answer lost to a connection reset.
    // Declared too large: refused from the header alone, no byte of the body sent.
    JsonNode j = refusedThenServes(http.rawExchange("POST /v1/models/pix/predict HTTP/1.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + (MAX_BODY + 10), new byte[0]), 413, "body");
    assertThat(j.path("error").asText()).isEqualTo("payload_too_large");
    // Chunked, no length declared: refused once the limit is passed, after reading MAX_BODY + 1 bytes,
    // which is exactly what is sent (one chunk, not terminated).
    byte[] big = new byte[(int) MAX_BODY + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    byte[] chunk = new byte[big.length + 16];
    byte[] size = (Integer.toHexString(big.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, chunk, 0, size.length);
    System.arraycopy(big, 0, chunk, size.length, big.length);
    refusedThenServes(http.rawExchange("POST /v1/models/pix/predict HTTP/1.1\r\nContent-Type: image/png\r\n"
        + "Transfer-Encoding: chunked", java.util.Arrays.copyOf(chunk, size.length + big.length)), 413, "body");
  }

  @Test
  void unknownModelAndVersion() {
    JsonNode j = refusedThenServes(http.postJson("/v1/models/nope/predict", goodBody), 404, "name");
    assertThat(j.path("message").asText()).contains("nope");
    refusedThenServes(http.postJson("/v1/models/pix/predict?version=99", goodBody), 404, "version");
    refusedThenServes(http.postJson("/v1/models/pix/predict?version=..%2F1", goodBody), 400, "version");
    refusedThenServes(http.get("/v1/models/pix?version=abc"), 400, "version");
  }

  @Test
  void pathTraversalNeverLeavesTheModelsDirectory() {
    for (String path : new String[] {
        "/v1/models/..%2Fsecret/predict", "/v1/models/%2e%2e/predict", "/v1/models/%2e%2e%2fsecret/predict",
        "/v1/models/%2Ftmp%2Fsecret/predict", "/v1/models/..%5csecret/predict", "/v1/models/secret%00/predict"}) {
      String resp = http.raw("POST " + path + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + goodBody.length()
          + "\r\n\r\n" + goodBody);
      int status = Integer.parseInt(resp.substring(9, 12));
      assertThat(status).as(path + " → " + resp).isIn(400, 404);
      assertThat(resp).as(path).contains("\"error\"").contains("\"message\"").contains("\"id\"").doesNotContain("\"predicted\"");
    }
    String dots = http.raw("GET /v1/models/../../secret HTTP/1.1");
    assertThat(dots.substring(9, 12)).isIn("400", "404");
    assertThat(dots).contains("\"error\"");
    refusedThenServes(http.postJson("/v1/models/a..b/predict", goodBody), 400, "name");
    refusedThenServes(http.postJson("/v1/models/.hidden/predict", goodBody), 400, "name");
    refusedThenServes(http.get("/v1/models/..secret"), 400, "name");
  }

  @Test
  void malformedJson() {
    JsonNode j = refusedThenServes(http.postJson("/v1/models/pix/predict", "{\"embedding\": [1, 2,"), 400, "body");
    assertThat(j.path("message").asText()).contains("malformed JSON");
    refusedThenServes(http.postJson("/v1/models/pix/predict", "[1, 2]"), 400, "body");
    refusedThenServes(http.postJson("/v1/models/pix/predict", ""), 400, "body");
    refusedThenServes(http.postJson("/v1/models/pix/predict", "{\"embedding\": [1], \"embedding\": [2]}"), 400, "body");
    refusedThenServes(http.postJson("/v1/models/pix/predict", "{\"embeding\": [1]}"), 400, "embeding");
    refusedThenServes(http.postJson("/v1/models/pix/predict", "{\"top\": 3}"), 400, "embedding");
    refusedThenServes(http.postJson("/v1/models/pix/predict", goodBody.replace("{", "{\"top\": 0, ")), 400, "top");
    refusedThenServes(http.post("/v1/models/pix/predict", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)), 415, "Content-Type");
  }

  @Test
  void badInterventionsAndEdits() {
    refusedThenServes(http.postJson("/v1/models/pix/intervene", goodBody.replace("{", "{\"zero\": [\"no such concept\"], ")), 400, "zero[0]");
    refusedThenServes(http.postJson("/v1/models/pix/intervene", goodBody), 400, "set");
    refusedThenServes(http.postJson("/v1/models/pix/edits", "{\"remove\": [\"no such concept\"]}"), 400, "remove[0]");
    refusedThenServes(http.postJson("/v1/models/pix/edits", "{}"), 400, "zero");
    String c = trained.model().concepts().get(0).text();
    refusedThenServes(http.postJson("/v1/models/pix/edits", "{\"zero\": [\"" + c + "\"], \"class\": \"no class\"}"), 400, "class");
    refusedThenServes(http.postJson("/v1/models/pix/edits", "{\"reweight\": {\"" + c + "\": \"2\"}}"), 400, "reweight." + c);
    refusedThenServes(http.postMultipart("/v1/models/pix/predict", new byte[0], "empty.png", null), 422, "image");
  }

  @Test
  void unknownRoutesAndMethodsAreJson() {
    refusedThenServes(http.get("/v1/nothing-here"), 404, "path");
    refusedThenServes(http.get("/v1/models/pix/predict"), 405, "path");
    refusedThenServes(http.get("/v1/models/pix/classes/none/weights"), 404, "class");
    Http.Response sample = http.get("/v1/samples/..%2F..%2Fetc%2Fpasswd");
    assertThat(sample.status()).isIn(400, 404);
    refusedThenServes(sample, sample.status(), null);
  }

  @Test
  void bearerTokenIsRequiredWhenConfigured() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("token-models"));
    Fixtures.save(models, "m", 1, trained.model());
    try (GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withToken("s3cret-token")
        .withReloadInterval(Duration.ZERO))) {
      Http anon = new Http(s.uri());
      Http.Response none = anon.postJson("/v1/models/m/predict", goodBody);
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.json().path("field").asText()).isEqualTo("Authorization");
      assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(anon.withToken("wrong").get("/v1/models").status()).isEqualTo(401);
      assertThat(anon.get("/metrics").status()).isEqualTo(401);
      assertThat(anon.get("/metrics/").status()).as("a trailing slash is the same route").isEqualTo(401);
      assertThat(anon.get("/v1/models/").status()).isEqualTo(401);
      assertThat(anon.get("/health").status()).isEqualTo(200);
      assertThat(anon.get("/").status()).isEqualTo(200);
      Http.Response ok = anon.withToken("s3cret-token").postJson("/v1/models/m/predict", goodBody);
      assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    }
  }

  @Test
  void malformedMultipartFormsAndOutOfRangeNumbersAreClientErrors() {
    refusedThenServes(http.post("/v1/models/pix/predict", "multipart/form-data", "garbage".getBytes(StandardCharsets.UTF_8)), 400, "body");
    JsonNode form = refusedThenServes(http.post("/v1/models/pix/predict", "multipart/form-data; boundary=XX",
        "garbage".getBytes(StandardCharsets.UTF_8)), 400, "body");
    assertThat(form.path("message").asText()).startsWith("malformed multipart form: ").doesNotContain("org.eclipse");
    String huge = goodBody.substring(0, goodBody.length() - 1) + ", \"top\": 1000000000000000000000000000000}";
    JsonNode j = refusedThenServes(http.postJson("/v1/models/pix/predict", huge), 400, "top");
    assertThat(j.path("message").asText()).contains("top must be in [1,");
    refusedThenServes(http.postJson("/v1/models/pix/edits", "{\"zero\": [\"x\"], \"base_version\": 0}"), 400, "base_version");
  }

  @Test
  void aVersionThatCannotBeLoadedIsNamedWhileAnotherIsServed() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("partial-models"));
    Fixtures.save(models, "partial", 1, trained.model());
    Path two = Fixtures.save(models, "partial", 2, trained.model());
    try (var files = Files.list(two)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).toList()) {
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, 100));
      }
    }
    try (GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withReloadInterval(Duration.ZERO))) {
      Http h = new Http(s.uri());
      assertThat(h.get("/v1/models/partial").json().path("version").asInt()).isEqualTo(1);
      Http.Response v2 = h.get("/v1/models/partial?version=2");
      assertThat(v2.status()).as(v2.text()).isEqualTo(422);
      assertThat(v2.json().path("field").asText()).isEqualTo("version");
      assertThat(v2.json().path("message").asText()).contains("version 2 of model 'partial' cannot be loaded");
      assertThat(h.get("/health").json().path("failures").path("partial version 2").asText()).isNotEmpty();
    }
  }

  @Test
  void requestsRefusedBeforeRoutingAreCounted() {
    Http.Response longUri = http.get("/v1/models/" + "a".repeat(20_000));
    assertThat(longUri.status()).isEqualTo(414);
    // Jetty refuses the request line before parsing it, so its method is "BAD".
    assertThat(http.get("/metrics").text()).containsPattern("glassbox_http_requests_total\\{method=\"\\w+\",route=\"unrouted\",status=\"414\"} 1");
  }
}
