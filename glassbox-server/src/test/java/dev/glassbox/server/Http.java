package dev.glassbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A small client for tests: real HTTP to the server under test, JSON parsed on demand. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String token;

  Http(URI base) {
    this(base, null);
  }

  Http(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  Http withToken(String t) {
    return new Http(base, t);
  }

  /** A response: status, headers and body. */
  record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("response is not JSON (" + status + "): " + text(), e);
      }
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  Response get(String path) {
    return send(builder(path).GET().build());
  }

  Response post(String path, String contentType, byte[] body) {
    HttpRequest.Builder b = builder(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  Response postJson(String path, String json) {
    return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  Response postJson(String path, Object value) {
    try {
      return post(path, "application/json", JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A multipart/form-data POST with an "image" file and an optional "request" JSON field. */
  Response postMultipart(String path, byte[] image, String filename, String requestJson) {
    String boundary = "gb" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (requestJson != null) {
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n" + requestJson + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filename
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(image);
      out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return post(path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
  }

  HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  Response send(HttpRequest r) {
    try {
      HttpResponse<byte[]> res = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(res.statusCode(), res.headers(), res.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A raw HTTP/1.1 request over a socket, for paths java.net.URI would normalise or refuse. */
  String raw(String requestLine) {
    return new String(exchange(requestLine, new byte[0]), StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code head} (request line and headers, without the blank line; {@code Host} and
   * {@code Connection: close} are added) and then {@code body} over a plain socket, and reads the
   * answer. Unlike {@link #send}, nothing more than {@code body} is ever written, so a server that
   * answers before reading a whole oversized body never has unread bytes to reset the connection with.
   */
  Response rawExchange(String head, byte[] body) {
    byte[] all = exchange(head, body);
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete response head in " + all.length + " bytes: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    java.util.Map<String, java.util.List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int k = 1; k < lines.length; k++) {
      int colon = lines[k].indexOf(':');
      headers.computeIfAbsent(lines[k].substring(0, colon).strip(), x -> new java.util.ArrayList<>())
          .add(lines[k].substring(colon + 1).strip());
    }
    byte[] payload = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    return new Response(status, java.net.http.HttpHeaders.of(headers, (a, b) -> true), payload);
  }

  /** Sends {@code head} (with Host, the token and Connection: close added) and {@code body}; returns every byte of the answer. */
  private byte[] exchange(String head, byte[] body) {
    try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      String req = head + "\r\nHost: " + base.getHost() + "\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
          + "Connection: close\r\n\r\n";
      s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(body);
      s.getOutputStream().flush();
      return s.getInputStream().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
