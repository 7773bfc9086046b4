package dev.glassbox.encoders.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.glassbox.math.FloatMatrix;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server on a loopback port. */
class OpenAiEmbeddingClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the server does with the n-th request (0-based); returns nothing, having answered. */
  @FunctionalInterface
  interface Handler {
    void handle(int n, HttpExchange ex, JsonNode body) throws Exception;
  }

  private HttpServer server;
  private volatile Handler handler;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final List<String> authHeaders = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/v1/embeddings", ex -> {
      int n = requests.getAndIncrement();
      arrivals.add(System.nanoTime());
      authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      try {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        handler.handle(n, ex, body);
      } catch (Exception e) {
        // The client sees a dropped connection; the test asserts on what it reports.
      } finally {
        ex.close();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private OpenAiEmbeddingConfig config() {
    return OpenAiEmbeddingConfig.of(base(), "test-embed").withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .withRetries(3, Duration.ofMillis(20), Duration.ofMillis(200));
  }

  private static void reply(HttpExchange ex, int code, String body, Map<String, String> headers) throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
  }

  /** Answers each input {@code s} with {@code [len(s), index, 1]}, in reversed order with indices. */
  private static void embedLengths(HttpExchange ex, JsonNode body) throws IOException {
    StringBuilder sb = new StringBuilder("{\"object\": \"list\", \"data\": [");
    int n = body.get("input").size();
    for (int i = n - 1; i >= 0; i--) {
      sb.append("{\"object\": \"embedding\", \"index\": ").append(i).append(", \"embedding\": [")
          .append(body.get("input").get(i).asText().length()).append(", ").append(i).append(", 1.5]}");
      if (i > 0) {
        sb.append(", ");
      }
    }
    sb.append("], \"model\": \"").append(body.get("model").asText()).append("\"}");
    reply(ex, 200, sb.toString(), Map.of());
  }

  @Test
  void embedsInBatchesInInputOrderAndSendsTheKeyFromTheNamedVariable() {
    handler = (n, ex, body) -> {
      assertThat(body.get("model").asText()).isEqualTo("test-embed");
      assertThat(body.get("encoding_format").asText()).isEqualTo("float");
      embedLengths(ex, body);
    };
    OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(config().withBatchSize(2).withApiKeyEnv("MY_KEY"), Map.of("MY_KEY", "sk-123"));
    FloatMatrix m = client.embed(List.of("a", "bb", "ccc", "dddd", "eeeee"));
    assertThat(m.rows()).isEqualTo(5);
    assertThat(m.cols()).isEqualTo(3);
    assertThat(m.column(0)).containsExactly(1, 2, 3, 4, 5);
    assertThat(m.column(1)).containsExactly(0, 1, 0, 1, 0);
    assertThat(requests.get()).isEqualTo(3);
    assertThat(authHeaders).containsOnly("Bearer sk-123");
    OpenAiTextEncoder text = new OpenAiTextEncoder(client);
    assertThat(text.identity().dim()).isEqualTo(3);
    assertThat(text.identity().name()).isEqualTo("openai:test-embed@" + base());
  }

  @Test
  void sendsNoAuthorizationWhenTheVariableIsUnset() {
    handler = (n, ex, body) -> embedLengths(ex, body);
    new OpenAiEmbeddingClient(config(), Map.of()).embed(List.of("x"));
    assertThat(authHeaders).containsExactly("null");
  }

  @Test
  void retriesA429AfterTheRetryAfterDelay() {
    handler = (n, ex, body) -> {
      if (n == 0) {
        reply(ex, 429, "{\"error\": {\"message\": \"rate limited\"}}", Map.of("Retry-After", "1"));
      } else {
        embedLengths(ex, body);
      }
    };
    OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(config(), Map.of());
    FloatMatrix m = client.embed(List.of("abc"));
    assertThat(m.get(0, 0)).isEqualTo(3f);
    assertThat(client.attempts()).isEqualTo(2);
    // Retry-After: 1 outweighs the 20 ms backoff: the retry comes at least a second later.
    assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
  }

  @Test
  void givesUpOnA500AfterTheRetriesWithTheStatusAndBody() {
    handler = (n, ex, body) -> reply(ex, 500, "{\"error\": \"model crashed\"}", Map.of());
    OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(config(), Map.of());
    assertThatThrownBy(() -> client.embed(List.of("x")))
        .hasMessageContaining("model 'test-embed'")
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("model crashed")
        .hasMessageContaining("gave up after 4 attempts");
    assertThat(requests.get()).isEqualTo(4);
  }

  @Test
  void doesNotRetryAClientError() {
    handler = (n, ex, body) -> reply(ex, 401, "{\"error\": \"bad key\"}", Map.of());
    assertThatThrownBy(() -> new OpenAiEmbeddingClient(config(), Map.of()).embed(List.of("x")))
        .hasMessageContaining("HTTP 401").hasMessageContaining("bad key").hasMessageContaining("not retried");
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void reportsMalformedJsonNamingTheModelAndQuotingTheBody() {
    handler = (n, ex, body) -> reply(ex, 200, "<html>gateway says hi</html>", Map.of());
    assertThatThrownBy(() -> new OpenAiEmbeddingClient(config(), Map.of()).embed(List.of("x")))
        .hasMessageContaining("model 'test-embed'")
        .hasMessageContaining("malformed JSON")
        .hasMessageContaining("<html>gateway says hi</html>");
  }

  @Test
  void reportsAMismatchedCountAndAChangedDimension() {
    handler = (n, ex, body) -> reply(ex, 200, "{\"data\": [{\"index\": 0, \"embedding\": [1, 2]}]}", Map.of());
    OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(config(), Map.of());
    assertThatThrownBy(() -> client.embed(List.of("x", "y"))).hasMessageContaining("returned 1 embeddings for 2 inputs");
    client.embed(List.of("x"));
    handler = (n, ex, body) -> reply(ex, 200, "{\"data\": [{\"index\": 0, \"embedding\": [1, 2, 3]}]}", Map.of());
    assertThatThrownBy(() -> client.embed(List.of("x"))).hasMessageContaining("returned a 3-d embedding after 2-d ones");
  }

  @Test
  void timesOutAndReportsIt() {
    handler = (n, ex, body) -> {
      Thread.sleep(1500);
      embedLengths(ex, body);
    };
    OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(
        config().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)).withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)),
        Map.of());
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> client.embed(List.of("x")))
        .hasMessageContaining("did not answer within 300 ms")
        .hasMessageContaining("gave up after 2 attempts");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1400));
  }

  @Test
  void sendsImagesAsPngDataUrls() {
    handler = (n, ex, body) -> {
      String input = body.get("input").get(0).asText();
      assertThat(input).startsWith("data:image/png;base64,iVBOR");
      embedLengths(ex, body);
    };
    OpenAiImageEncoder images = new OpenAiImageEncoder(new OpenAiEmbeddingClient(config(), Map.of()));
    assertThat(images.encode(List.of(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB))).cols()).isEqualTo(3);
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void backoffDoublesWithJitterAndHonoursRetryAfter() {
    OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(
        OpenAiEmbeddingConfig.of(base(), "m").withRetries(5, Duration.ofMillis(100), Duration.ofMillis(1000)), Map.of());
    for (int attempt = 0; attempt < 6; attempt++) {
      long step = Math.min(1000, 100L << attempt);
      Duration d = client.backoff(attempt, null);
      assertThat(d.toNanos()).isBetween(step * 1_000_000 / 2, step * 1_000_000);
    }
    assertThat(client.backoff(0, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(OpenAiEmbeddingClient.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(OpenAiEmbeddingClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(OpenAiEmbeddingClient.parseRetryAfter("soon")).isNull();
  }

  @Test
  void parsesTheCliSpecAndBuildsTheEndpoint() {
    OpenAiEmbeddingConfig c = OpenAiEmbeddingConfig.parse("text-embedding-3-small@https://api.example.test/");
    assertThat(c.model()).isEqualTo("text-embedding-3-small");
    assertThat(c.endpoint()).isEqualTo(URI.create("https://api.example.test/v1/embeddings"));
    assertThat(OpenAiEmbeddingConfig.parse("m@http://h:8080/v1").endpoint()).isEqualTo(URI.create("http://h:8080/v1/embeddings"));
    assertThatThrownBy(() -> OpenAiEmbeddingConfig.parse("no-url")).hasMessageContaining("MODEL@BASE_URL");
    assertThatThrownBy(() -> OpenAiEmbeddingConfig.parse("m@ftp://x")).hasMessageContaining("MODEL@BASE_URL");
  }
}
