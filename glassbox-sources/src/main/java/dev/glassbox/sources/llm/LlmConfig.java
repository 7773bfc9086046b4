package dev.glassbox.sources.llm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link LlmConceptSource} and its {@link ChatClient}. The API key is never part of the
 * configuration: only the name of the environment variable that holds it.
 *
 * @param baseUrl the server's base URL; requests go to {@code {baseUrl}/v1/chat/completions} (a
 *     trailing {@code /v1} is accepted). Default {@code https://api.openai.com}
 * @param model the model name sent with each request. Default {@code gpt-4o-mini}
 * @param apiKeyEnv the environment variable holding the API key, sent as a bearer token; null or
 *     blank sends none (local servers). Default {@code OPENAI_API_KEY}
 * @param temperature sampling temperature, in [0, 2]. Default 0.7, Label-free CBM's setting
 * @param maxTokens completion budget per request, ≥ 1. Default 256, Label-free CBM's setting
 * @param samplesPerClass answers drawn per class and template, ≥ 1. Default 2, Label-free CBM's
 *     setting (one request per sample, so each is cached on its own)
 * @param requestsPerMinute client-side rate limit, ≥ 0 (0: none). Default 60
 * @param connectTimeout TCP connect timeout, > 0. Default 10 s
 * @param requestTimeout time allowed for a whole response, > 0. Default 120 s
 * @param maxRetries retries after a 429, a 5xx, a timeout or a refused connection, ≥ 0. Default 5
 * @param initialBackoff first retry delay before jitter, > 0; doubles per retry. Default 1 s
 * @param maxBackoff longest retry delay, also the most of a {@code Retry-After} that is honoured,
 *     ≥ initialBackoff. Default 60 s
 * @param cacheDir directory of the response cache, or null for no cache. Default null
 * @param seed seed of the retry jitter (it never changes results). Default 0
 */
public record LlmConfig(
    String baseUrl, String model, String apiKeyEnv, double temperature, int maxTokens, int samplesPerClass,
    int requestsPerMinute, Duration connectTimeout, Duration requestTimeout, int maxRetries, Duration initialBackoff,
    Duration maxBackoff, Path cacheDir, long seed) {

  public LlmConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    baseUrl = normaliseBase(baseUrl);
    apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv.strip();
    check(!model.isBlank(), "model", "a model name", "\"" + model + "\"");
    check(temperature >= 0 && temperature <= 2, "temperature", "in [0, 2]", temperature);
    check(maxTokens >= 1, "maxTokens", "≥ 1", maxTokens);
    check(samplesPerClass >= 1, "samplesPerClass", "≥ 1", samplesPerClass);
    check(requestsPerMinute >= 0, "requestsPerMinute", "≥ 0", requestsPerMinute);
    check(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connectTimeout", "> 0", connectTimeout);
    check(!requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout", "> 0", requestTimeout);
    check(maxRetries >= 0, "maxRetries", "≥ 0", maxRetries);
    check(!initialBackoff.isNegative() && !initialBackoff.isZero(), "initialBackoff", "> 0", initialBackoff);
    check(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff", "≥ initialBackoff (" + initialBackoff + ")", maxBackoff);
  }

  private static String normaliseBase(String base) {
    String b = base.strip();
    URI uri;
    try {
      uri = URI.create(b);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("LLM baseUrl is not a URL: \"" + base + "\"", e);
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "LLM baseUrl must be an http(s) URL such as http://127.0.0.1:8080, got \"" + base + "\"");
    }
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    if (b.endsWith("/v1")) {
      b = b.substring(0, b.length() - 3);
    }
    return b;
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("LLM " + name + " must be " + range + ", got " + value);
    }
  }

  public static LlmConfig defaults() {
    return new LlmConfig("https://api.openai.com", "gpt-4o-mini", "OPENAI_API_KEY", 0.7, 256, 2, 60,
        Duration.ofSeconds(10), Duration.ofSeconds(120), 5, Duration.ofSeconds(1), Duration.ofSeconds(60), null, 0L);
  }

  /** The chat-completions endpoint. */
  public URI endpoint() {
    return URI.create(baseUrl + "/v1/chat/completions");
  }

  public LlmConfig withBaseUrl(String v) {
    return new LlmConfig(v, model, apiKeyEnv, temperature, maxTokens, samplesPerClass, requestsPerMinute, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withModel(String v) {
    return new LlmConfig(baseUrl, v, apiKeyEnv, temperature, maxTokens, samplesPerClass, requestsPerMinute, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withApiKeyEnv(String v) {
    return new LlmConfig(baseUrl, model, v, temperature, maxTokens, samplesPerClass, requestsPerMinute, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withTemperature(double v) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, v, maxTokens, samplesPerClass, requestsPerMinute, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withMaxTokens(int v) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, v, samplesPerClass, requestsPerMinute, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withSamplesPerClass(int v) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, v, requestsPerMinute, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withRequestsPerMinute(int v) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, samplesPerClass, v, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withConnectTimeout(Duration v) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, samplesPerClass, requestsPerMinute, v, requestTimeout, maxRetries, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withRequestTimeout(Duration v) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, samplesPerClass, requestsPerMinute, connectTimeout, v, maxRetries, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withMaxRetries(int v) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, samplesPerClass, requestsPerMinute, connectTimeout, requestTimeout, v, initialBackoff, maxBackoff, cacheDir, seed);
  }

  public LlmConfig withBackoff(Duration initial, Duration max) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, samplesPerClass, requestsPerMinute, connectTimeout, requestTimeout, maxRetries, initial, max, cacheDir, seed);
  }

  public LlmConfig withCacheDir(Path v) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, samplesPerClass, requestsPerMinute, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, v, seed);
  }

  public LlmConfig withSeed(long v) {
    return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, samplesPerClass, requestsPerMinute, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, cacheDir, v);
  }
}
