package dev.glassbox.encoders.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link OpenAiEmbeddingClient} asks an OpenAI-compatible server for embeddings.
 *
 * @param baseUrl the server's root ({@code https://api.openai.com}, {@code http://localhost:8080});
 *     requests go to {@code {baseUrl}/v1/embeddings} (or {@code {baseUrl}/embeddings} when the URL
 *     already ends in {@code /v1})
 * @param model the model name sent in every request
 * @param apiKeyEnv the environment variable holding the API key, sent as {@code Authorization:
 *     Bearer KEY}; when the variable is unset no header is sent (local servers need none). Default
 *     {@code OPENAI_API_KEY}
 * @param connectTimeout longest wait to connect. Default 10 s
 * @param readTimeout longest wait for a whole response. Default 60 s
 * @param maxRetries retries after the first attempt for 429, 5xx, timeouts and connection errors
 *     (other statuses fail at once). Range {@code [0, 20]}; default 5
 * @param initialBackoff wait before the first retry; doubles with every retry up to
 *     {@code maxBackoff}, and a random share of up to half of it is taken off (jitter, so that many
 *     clients do not retry in step); a {@code Retry-After} header lengthens the wait to what it
 *     asks. Default 0.5 s
 * @param maxBackoff the longest computed wait. Default 30 s
 * @param batchSize inputs per request. Range {@code [1, 2048]} (OpenAI's limit); default 64
 * @param seed seed of the jitter's random stream. Default 0
 */
public record OpenAiEmbeddingConfig(URI baseUrl, String model, String apiKeyEnv, Duration connectTimeout, Duration readTimeout,
    int maxRetries, Duration initialBackoff, Duration maxBackoff, int batchSize, long seed) {
  public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";

  public OpenAiEmbeddingConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (baseUrl.getScheme() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))
        || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("the embeddings server URL must be http(s)://HOST[:PORT][/PATH], got '" + baseUrl + "'");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("an embeddings model name is required");
    }
    apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? DEFAULT_API_KEY_ENV : apiKeyEnv;
    requirePositive(connectTimeout, "connect timeout");
    requirePositive(readTimeout, "read timeout");
    requirePositive(initialBackoff, "initial backoff");
    requirePositive(maxBackoff, "max backoff");
    if (maxRetries < 0 || maxRetries > 20) {
      throw new IllegalArgumentException("max retries must be in [0, 20], got " + maxRetries);
    }
    if (batchSize < 1 || batchSize > 2048) {
      throw new IllegalArgumentException("batch size must be in [1, 2048], got " + batchSize);
    }
  }

  private static void requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }

  /** Defaults for a server and model. */
  public static OpenAiEmbeddingConfig of(URI baseUrl, String model) {
    return new OpenAiEmbeddingConfig(baseUrl, model, DEFAULT_API_KEY_ENV, Duration.ofSeconds(10), Duration.ofSeconds(60), 5,
        Duration.ofMillis(500), Duration.ofSeconds(30), 64, 0);
  }

  /**
   * Parses {@code MODEL@BASE_URL} (as in {@code --encoder openai:MODEL@BASE_URL}); the URL starts at
   * the last {@code @http}.
   */
  public static OpenAiEmbeddingConfig parse(String spec) {
    int at = spec.lastIndexOf("@http");
    if (at <= 0) {
      throw new IllegalArgumentException("expected MODEL@BASE_URL (e.g. text-embedding-3-small@https://api.openai.com), got '" + spec + "'");
    }
    try {
      return of(URI.create(spec.substring(at + 1)), spec.substring(0, at));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + spec.substring(at + 1) + "' is not a URL: " + e.getMessage(), e);
    }
  }

  /** The embeddings endpoint. */
  public URI endpoint() {
    String s = baseUrl.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s.endsWith("/v1") ? s + "/embeddings" : s + "/v1/embeddings");
  }

  public OpenAiEmbeddingConfig withApiKeyEnv(String env) {
    return new OpenAiEmbeddingConfig(baseUrl, model, env, connectTimeout, readTimeout, maxRetries, initialBackoff, maxBackoff,
        batchSize, seed);
  }

  public OpenAiEmbeddingConfig withTimeouts(Duration connect, Duration read) {
    return new OpenAiEmbeddingConfig(baseUrl, model, apiKeyEnv, connect, read, maxRetries, initialBackoff, maxBackoff, batchSize, seed);
  }

  public OpenAiEmbeddingConfig withRetries(int retries, Duration initial, Duration max) {
    return new OpenAiEmbeddingConfig(baseUrl, model, apiKeyEnv, connectTimeout, readTimeout, retries, initial, max, batchSize, seed);
  }

  public OpenAiEmbeddingConfig withBatchSize(int n) {
    return new OpenAiEmbeddingConfig(baseUrl, model, apiKeyEnv, connectTimeout, readTimeout, maxRetries, initialBackoff, maxBackoff, n,
        seed);
  }

  /** A readable name for the encoder identity: {@code openai:MODEL@BASE_URL}. */
  public String encoderName() {
    return "openai:" + model + "@" + baseUrl;
  }
}
