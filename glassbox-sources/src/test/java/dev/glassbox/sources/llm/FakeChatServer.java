package dev.glassbox.sources.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on a loopback port speaking the chat-completions protocol, scripted per test. */
final class FakeChatServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the server answers. */
  record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
    static Reply ok(String content) {
      try {
        String body = JSON.writeValueAsString(Map.of(
            "id", "chatcmpl-test", "object", "chat.completion",
            "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content), "finish_reason", "stop"))));
        return new Reply(200, Map.of("Content-Type", "application/json"), body, 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    static Reply status(int status, String body) {
      return new Reply(status, Map.of(), body, 0);
    }
  }

  /** A received request. */
  record Received(JsonNode body, String authorization, long nanoTime) {}

  interface Script {
    Reply reply(int index, JsonNode request);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile Script script;

  FakeChatServer(Script script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  void script(Script s) {
    this.script = s;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] in = ex.getRequestBody().readAllBytes();
      JsonNode body = JSON.readTree(in);
      int index = count.getAndIncrement();
      received.add(new Received(body, ex.getRequestHeaders().getFirst("Authorization"), System.nanoTime()));
      Reply r = script.reply(index, body);
      if (r.delayMillis() > 0) {
        try {
          Thread.sleep(r.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
      r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  int requests() {
    return count.get();
  }

  List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
