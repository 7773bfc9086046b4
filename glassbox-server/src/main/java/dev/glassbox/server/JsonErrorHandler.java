package dev.glassbox.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own error responses (requests refused before they reach the API: ambiguous or malformed
 * URIs such as an encoded {@code ..} or {@code /}, oversized headers, bad HTTP) in the API's JSON
 * error form {@code {error, field, message, id}}, with the id in the log.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);
  /** The route label of requests refused before routing (e.g. 414, or 400 for an ambiguous path) in /metrics. */
  static final String UNROUTED = "unrouted";

  private final Metrics metrics;

  JsonErrorHandler(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
      throws IOException {
    String id = newId();
    String path = request.getHttpURI() == null ? "?" : request.getHttpURI().getPath();
    logRefusal(code, id, path, message, cause);
    metrics.observe(request.getMethod() == null ? "?" : request.getMethod(), UNROUTED, code, 0);
    byte[] body = body(code, message, id);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put("X-Request-Id", id);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static void logRefusal(int code, String id, String path, String message, Throwable cause) {
    if (code >= 500) {
      LOG.error("[{}] {} {}: {}", id, code, path, message, cause);
    } else {
      LOG.info("[{}] {} {}: {}", id, code, path, message);
    }
  }

  static byte[] body(int code, String message, String id) {
    String reason = HttpStatus.getMessage(code);
    String field = code == 400 || code == 404 ? "path" : null;
    String msg = message == null || message.isBlank() ? reason : message;
    if (code == 400 && msg.toLowerCase(java.util.Locale.ROOT).contains("ambiguous")) {
      msg = msg + ": the path holds an encoded '/', '..' or '.' segment, which never names a model";
    }
    java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("error", code >= 500 ? "internal" : reason.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'));
    m.put("field", field);
    m.put("message", msg);
    m.put("id", id);
    return Responses.value(m);
  }

  static String newId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
  }
}
