package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded concurrency, a bounded queue, and request timeouts, with requests held inside a test encoder. */
class OverloadTest {
  @TempDir
  Path tmp;

  private static void awaitQueue(Http http, int depth) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      if (http.get("/metrics").text().contains("glassbox_http_queue_depth " + depth + "\n")) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("queue depth never reached " + depth);
  }

  /** Waits until {@code n} requests are held inside the test encoder. */
  private static void awaitHeld(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      if (TestEncoderProvider.GATE.getQueueLength() == n) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the encoder never held " + n + " requests");
  }

  @Test
  void aFullQueueIsRefusedWith503AndRetryAfterThenServes() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("models"));
    Fixtures.Trained t = Fixtures.synth(3, 20, 120, 12, 2, null);
    Fixtures.save(models, "slow", 1, Fixtures.withEncoder(t.model(), TestEncoderProvider.LATCH));
    TestEncoderProvider.GATE.drainPermits();
    try (GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withThreads(1).withQueue(1)
        .withReloadInterval(Duration.ZERO))) {
      Http http = new Http(s.uri());
      byte[] png = Fixtures.png(32, 3);
      CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> http.post("/v1/models/slow/predict", "image/png", png));
      awaitHeld(1);
      CompletableFuture<Http.Response> second = CompletableFuture.supplyAsync(() -> http.post("/v1/models/slow/predict", "image/png", png));
      awaitQueue(http, 1);
      Http.Response third = http.post("/v1/models/slow/predict", "image/png", png);
      assertThat(third.status()).isEqualTo(503);
      assertThat(third.header("Retry-After")).isEqualTo("1");
      assertThat(third.json().path("error").asText()).isEqualTo("overloaded");
      assertThat(http.get("/health").status()).as("cheap routes still answer").isEqualTo(200);
      TestEncoderProvider.GATE.release(2);
      assertThat(first.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(second.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(http.get("/metrics").text()).contains("glassbox_http_rejected_total 1\n");
      TestEncoderProvider.GATE.release(1);
      assertThat(http.post("/v1/models/slow/predict", "image/png", png).status()).isEqualTo(200);
    } finally {
      TestEncoderProvider.GATE.release(100);
    }
  }

  @Test
  void requestsOverTheTimeoutGet503WhileQueuedAnd504WhenComputedTooLate() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("models"));
    Fixtures.Trained t = Fixtures.synth(3, 20, 120, 12, 2, null);
    Fixtures.save(models, "slow", 1, Fixtures.withEncoder(t.model(), TestEncoderProvider.LATCH));
    TestEncoderProvider.GATE.drainPermits();
    try (GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withThreads(1).withQueue(4)
        .withRequestTimeout(Duration.ofMillis(700)).withReloadInterval(Duration.ZERO))) {
      Http http = new Http(s.uri());
      byte[] png = Fixtures.png(32, 3);
      CompletableFuture<Http.Response> held = CompletableFuture.supplyAsync(() -> http.post("/v1/models/slow/predict", "image/png", png));
      awaitHeld(1);
      Http.Response queued = http.post("/v1/models/slow/predict", "image/png", png);
      assertThat(queued.status()).isEqualTo(503);
      assertThat(queued.json().path("message").asText()).contains("timeout");
      Thread.sleep(300);
      TestEncoderProvider.GATE.release(1);
      Http.Response late = held.get(20, TimeUnit.SECONDS);
      assertThat(late.status()).isEqualTo(504);
      assertThat(late.json().path("error").asText()).isEqualTo("timeout");
      TestEncoderProvider.GATE.release(1);
      assertThat(http.post("/v1/models/slow/predict", "image/png", png).status()).isEqualTo(200);
    } finally {
      TestEncoderProvider.GATE.release(100);
    }
  }

  @Test
  void aConnectionIdleForTheRequestTimeoutStaysOpen() throws Exception {
    // A request that waits its whole timeout in the queue is answered just as its connection has
    // been idle for that long: the connection must outlive the request timeout, or the answer can
    // be cut off (the client then sees the connection close with no response at all).
    Path models = Files.createDirectories(tmp.resolve("models"));
    Fixtures.Trained t = Fixtures.synth(3, 20, 120, 12, 2, null);
    Fixtures.save(models, "m", 1, t.model());
    try (GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(models).withPort(0)
        .withRequestTimeout(Duration.ofMillis(300)).withReloadInterval(Duration.ZERO));
        java.net.Socket socket = new java.net.Socket(s.uri().getHost(), s.uri().getPort())) {
      socket.setSoTimeout(10_000);
      byte[] get = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      socket.getOutputStream().write(get);
      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
      Thread.sleep(900);
      socket.getOutputStream().write(get);
      assertThat(readResponse(socket.getInputStream())).as("the same connection after 3 request timeouts idle").startsWith("HTTP/1.1 200");
    }
  }

  /** One HTTP/1.1 response with a Content-Length body, read from a kept-alive connection; "" at end of stream. */
  private static String readResponse(java.io.InputStream in) throws java.io.IOException {
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      head.write(c);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        break;
      }
    }
    String headers = head.toString(java.nio.charset.StandardCharsets.US_ASCII);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(headers);
    if (m.find()) {
      in.readNBytes(Integer.parseInt(m.group(1)));
    }
    return headers;
  }

  @Test
  void closeLetsARunningRequestFinish() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("models"));
    Fixtures.Trained t = Fixtures.synth(3, 20, 120, 12, 2, null);
    Fixtures.save(models, "slow", 1, Fixtures.withEncoder(t.model(), TestEncoderProvider.LATCH));
    TestEncoderProvider.GATE.drainPermits();
    GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withReloadInterval(Duration.ZERO));
    try {
      Http http = new Http(s.uri());
      CompletableFuture<Http.Response> held = CompletableFuture.supplyAsync(() -> http.post("/v1/models/slow/predict", "image/png",
          Fixtures.png(32, 4)));
      awaitHeld(1);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
      Thread.sleep(300);
      assertThat(closing).as("close waits for the running request").isNotDone();
      TestEncoderProvider.GATE.release(1);
      assertThat(held.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
      closing.get(20, TimeUnit.SECONDS);
    } finally {
      TestEncoderProvider.GATE.release(100);
    }
  }

  @Test
  void aSlowUploadDoesNotHoldTheOnlyComputingSlot() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("models"));
    Fixtures.Trained t = Fixtures.synth(3, 20, 120, 12, 2, null);
    Fixtures.save(models, "m", 1, t.model());
    try (GlassboxServer s = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withThreads(1).withQueue(4)
        .withRequestTimeout(Duration.ofSeconds(30)).withReloadInterval(Duration.ZERO))) {
      Http http = new Http(s.uri());
      byte[] body = ("{\"embedding\": " + java.util.Arrays.toString(Fixtures.embedding(t.data(), 0)) + "}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try (java.net.Socket slow = new java.net.Socket(s.uri().getHost(), s.uri().getPort())) {
        java.io.OutputStream out = slow.getOutputStream();
        out.write(("POST /v1/models/m/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        Thread.sleep(300);
        // The slow request's body is still arriving; with one computing slot, a second request is
        // answered all the same, because bodies are read before a slot is taken.
        long t0 = System.nanoTime();
        Http.Response fast = http.post("/v1/models/m/predict", "application/json", body);
        assertThat(fast.status()).isEqualTo(200);
        assertThat(System.nanoTime() - t0).as("the fast request did not wait for the slow upload")
            .isLessThan(TimeUnit.SECONDS.toNanos(10));
        out.write(body, body.length / 2, body.length - body.length / 2);
        out.flush();
        String answer = new String(slow.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"predicted\"");
      }
    }
  }
}
