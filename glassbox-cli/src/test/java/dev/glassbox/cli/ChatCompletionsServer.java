package dev.glassbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.glassbox.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on a loopback port that speaks the OpenAI chat-completions protocol: each
 * request's answer is computed from its last user message.
 */
final class ChatCompletionsServer implements AutoCloseable {
  private final HttpServer server;
  private final Function<String, String> answer;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  /** @param answer the assistant's reply to a prompt */
  ChatCompletionsServer(Function<String, String> answer) throws IOException {
    this.answer = answer;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The request bodies received so far. */
  List<JsonNode> requests() {
    return requests;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      JsonNode body = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
      requests.add(body);
      JsonNode messages = body.path("messages");
      String prompt = messages.get(messages.size() - 1).path("content").asText();
      String reply = Json.string(Map.of(
          "id", "chatcmpl-" + requests.size(), "object", "chat.completion", "model", body.path("model").asText(),
          "choices", List.of(Map.of("index", 0, "finish_reason", "stop", "message", Map.of("role", "assistant", "content", answer.apply(prompt))))));
      byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
