package dev.glassbox.encoders.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.math.FloatMatrix;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the OpenAI embeddings API ({@code POST /v1/embeddings} with {@code {"model", "input":
 * [...], "encoding_format": "float"}}, answered by {@code {"data": [{"index", "embedding"}]}}), as
 * served by OpenAI and by compatible local servers.
 *
 * <p>Inputs go in batches of {@link OpenAiEmbeddingConfig#batchSize()}. A 429, a 5xx, a timeout or
 * a failed connection is retried with exponential backoff and jitter, waiting at least what a
 * {@code Retry-After} header asks; any other status fails at once. Every error names the model and
 * the endpoint, and quotes the start of the response body when there is one. A response whose
 * JSON is malformed, whose row count differs from the inputs', or whose dimension differs from
 * earlier responses' is an error, never a silently shorter matrix.
 *
 * <p>Thread-safe.
 */
public final class OpenAiEmbeddingClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SNIPPET = 200;

  private final OpenAiEmbeddingConfig config;
  private final HttpClient http;
  private final String apiKey;
  private final SplittableRandom jitter;
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile int dim = -1;

  /**
   * @param env the environment to read the API key from ({@code System.getenv()} in production)
   */
  public OpenAiEmbeddingClient(OpenAiEmbeddingConfig config, Map<String, String> env) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    String key = env.get(config.apiKeyEnv());
    this.apiKey = key == null || key.isBlank() ? null : key.strip();
    this.jitter = new SplittableRandom(config.seed());
  }

  public OpenAiEmbeddingClient(OpenAiEmbeddingConfig config) {
    this(config, System.getenv());
  }

  public OpenAiEmbeddingConfig config() {
    return config;
  }

  /** HTTP requests sent so far, retries included. */
  public int attempts() {
    return attempts.get();
  }

  /** The embedding dimension, learned from the first response (-1 before it). */
  public int knownDim() {
    return dim;
  }

  /** {@code [inputs.size() × dim]} embeddings, in input order. */
  public FloatMatrix embed(List<String> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("nothing to embed: the input list is empty");
    }
    float[][] rows = new float[inputs.size()][];
    for (int start = 0; start < inputs.size(); start += config.batchSize()) {
      int n = Math.min(config.batchSize(), inputs.size() - start);
      float[][] batch = embedBatch(inputs.subList(start, start + n));
      System.arraycopy(batch, 0, rows, start, n);
    }
    int d = rows[0].length;
    float[] flat = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    return FloatMatrix.wrap(rows.length, d, flat);
  }

  private float[][] embedBatch(List<String> inputs) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", config.model());
    ArrayNode in = body.putArray("input");
    inputs.forEach(in::add);
    body.put("encoding_format", "float");
    HttpRequest.Builder rb = HttpRequest.newBuilder(config.endpoint())
        .timeout(config.readTimeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (apiKey != null) {
      rb.header("Authorization", "Bearer " + apiKey);
    }
    HttpRequest request = rb.build();
    String last = null;
    for (int attempt = 0; ; attempt++) {
      attempts.incrementAndGet();
      Duration retryAfter = null;
      try {
        HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
        int code = resp.statusCode();
        if (code >= 200 && code < 300) {
          return parse(resp.body(), inputs.size());
        }
        String what = "answered HTTP " + code + " (" + snippet(resp.body()) + ")";
        if (code != 429 && code < 500) {
          throw new IllegalStateException(prefix() + what + "; not retried");
        }
        last = what;
        retryAfter = resp.headers().firstValue("Retry-After").map(OpenAiEmbeddingClient::parseRetryAfter).orElse(null);
      } catch (HttpTimeoutException e) {
        last = "did not answer within " + config.readTimeout().toMillis() + " ms (read timeout)";
      } catch (IOException e) {
        last = "could not be reached: " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(prefix() + "interrupted while waiting for the server", e);
      }
      if (attempt >= config.maxRetries()) {
        throw new IllegalStateException(prefix() + last + "; gave up after " + (attempt + 1) + " attempts");
      }
      sleep(backoff(attempt, retryAfter));
    }
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random; never below Retry-After. */
  Duration backoff(int attempt, Duration retryAfter) {
    double base = Math.min(config.maxBackoff().toNanos(), config.initialBackoff().toNanos() * Math.pow(2, attempt));
    double r;
    synchronized (jitter) {
      r = jitter.nextDouble();
    }
    long nanos = (long) (base / 2 + r * base / 2);
    if (retryAfter != null && retryAfter.toNanos() > nanos) {
      nanos = retryAfter.toNanos();
    }
    return Duration.ofNanos(nanos);
  }

  /** {@code Retry-After}: delay-seconds or an HTTP date; null when unparseable. */
  static Duration parseRetryAfter(String v) {
    String s = v.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(s)));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off before a retry", e);
    }
  }

  private float[][] parse(String body, int expected) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(prefix() + "answered with malformed JSON (" + snippet(body) + ")");
    }
    JsonNode data = root == null ? null : root.get("data");
    if (data == null || !data.isArray()) {
      throw new IllegalStateException(prefix() + "answered without a \"data\" array (" + snippet(body) + ")");
    }
    if (data.size() != expected) {
      throw new IllegalStateException(prefix() + "returned " + data.size() + " embeddings for " + expected + " inputs (" + snippet(body)
          + ")");
    }
    float[][] rows = new float[expected][];
    for (int i = 0; i < expected; i++) {
      JsonNode item = data.get(i);
      int index = item.has("index") ? item.get("index").asInt(-1) : i;
      if (index < 0 || index >= expected || rows[index] != null) {
        throw new IllegalStateException(prefix() + "returned a bad or repeated index " + item.get("index") + " at position " + i
            + " (" + snippet(body) + ")");
      }
      JsonNode emb = item.get("embedding");
      if (emb == null || !emb.isArray() || emb.isEmpty()) {
        throw new IllegalStateException(prefix() + "returned no float array \"embedding\" for input " + index + " (" + snippet(body) + ")");
      }
      float[] v = new float[emb.size()];
      for (int j = 0; j < v.length; j++) {
        JsonNode x = emb.get(j);
        if (!x.isNumber() || !Float.isFinite((float) x.asDouble())) {
          throw new IllegalStateException(prefix() + "returned the non-numeric or non-finite value " + x + " at dimension " + j
              + " of input " + index);
        }
        v[j] = (float) x.asDouble();
      }
      rows[index] = v;
    }
    synchronized (this) {
      for (float[] r : rows) {
        if (dim < 0) {
          dim = r.length;
        } else if (r.length != dim) {
          throw new IllegalStateException(prefix() + "returned a " + r.length + "-d embedding after " + dim
              + "-d ones; the dimension must not change");
        }
      }
    }
    return rows;
  }

  private String prefix() {
    return "the embeddings server " + config.endpoint() + " (model '" + config.model() + "') ";
  }

  private static String snippet(String body) {
    if (body == null || body.isEmpty()) {
      return "empty body";
    }
    String s = body.replaceAll("\\s+", " ").strip();
    return "body: " + (s.length() > SNIPPET ? s.substring(0, SNIPPET) + "…" : s);
  }
}
