package dev.glassbox.sources.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.io.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A client of the OpenAI chat-completions protocol ({@code POST {base}/v1/chat/completions}) over
 * {@code java.net.http}, as served by OpenAI and by local servers (llama.cpp, vLLM, Ollama).
 *
 * <p>A 429 or a 5xx is retried up to {@code maxRetries} times with exponential backoff and jitter
 * (the delay doubles from {@code initialBackoff} up to {@code maxBackoff}, then is drawn uniformly
 * from its upper half), waiting at least as long as a {@code Retry-After} header asks (capped at
 * {@code maxBackoff}); refused connections and timeouts are retried the same way. Other 4xx answers
 * fail at once. Request starts are spaced by a client-side rate limit. The API key is read from the
 * environment when the first request is made and appears in no message or log.
 */
public final class ChatClient {
  private static final System.Logger LOG = System.getLogger(ChatClient.class.getName());
  private static final int SNIPPET = 300;

  private final LlmConfig config;
  private final HttpClient http;
  private final Function<String, String> environment;
  private final RateLimiter limiter;
  private final SplittableRandom jitter;
  private long requests;

  /** A client reading the API key from the process environment. */
  public ChatClient(LlmConfig config) {
    this(config, System::getenv);
  }

  /**
   * @param environment looks up environment variables (the process environment in production; a
   *     map in tests)
   */
  public ChatClient(LlmConfig config, Function<String, String> environment) {
    this.config = Objects.requireNonNull(config, "config");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.limiter = new RateLimiter(config.requestsPerMinute());
    this.jitter = new SplittableRandom(config.seed());
  }

  /** HTTP requests sent so far, retries included. */
  public synchronized long requestsSent() {
    return requests;
  }

  /**
   * Sends one chat request and returns the text of the first choice.
   *
   * @param context what the request is for ("class \"zebra\", template labo-color, sample 0"),
   *     named in every error
   */
  public String complete(List<ChatMessage> messages, String context) {
    HttpRequest request = buildRequest(messages);
    String lastFailure = null;
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response;
      try {
        limiter.acquire();
        synchronized (this) {
          requests++;
        }
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LlmException("interrupted while asking the LLM at " + config.baseUrl() + " (" + context + ")", e);
      } catch (HttpConnectTimeoutException e) {
        lastFailure = "connecting timed out after " + config.connectTimeout().toMillis() + " ms";
        if (attempt >= config.maxRetries()) {
          throw unreachable(context, lastFailure, attempt, e);
        }
        pause(backoff(attempt), context, lastFailure);
        continue;
      } catch (HttpTimeoutException e) {
        lastFailure = "no complete answer within " + config.requestTimeout().toMillis() + " ms";
        if (attempt >= config.maxRetries()) {
          throw new LlmException("the LLM at " + config.baseUrl() + " gave " + lastFailure + " for " + context
              + " (after " + (attempt + 1) + " attempt" + (attempt == 0 ? "" : "s") + "); raise the request timeout or lower max_tokens", e);
        }
        pause(backoff(attempt), context, lastFailure);
        continue;
      } catch (ConnectException | UnresolvedAddressException e) {
        lastFailure = "connection refused or host unknown";
        if (attempt >= config.maxRetries()) {
          throw unreachable(context, lastFailure, attempt, e);
        }
        pause(backoff(attempt), context, lastFailure);
        continue;
      } catch (IOException e) {
        lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (attempt >= config.maxRetries()) {
          throw unreachable(context, lastFailure, attempt, e);
        }
        pause(backoff(attempt), context, lastFailure);
        continue;
      }
      int status = response.statusCode();
      if (status == 200) {
        return parse(response.body(), context);
      }
      if (status == 429 || status >= 500) {
        lastFailure = "HTTP " + status + ": " + snippet(response.body());
        if (attempt >= config.maxRetries()) {
          throw new LlmException("the LLM at " + config.baseUrl() + " still answered " + lastFailure + " for " + context + " after "
              + (attempt + 1) + " attempts; wait and rerun (answers so far are cached) or lower requestsPerMinute");
        }
        Duration wait = backoff(attempt);
        Duration asked = retryAfter(response);
        if (asked != null && asked.compareTo(wait) > 0) {
          wait = asked.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : asked;
        }
        pause(wait, context, lastFailure);
        continue;
      }
      String fix = switch (status) {
        case 401, 403 -> config.apiKeyEnv() == null
            ? "; the server wants an API key: name the environment variable that holds it (apiKeyEnv)"
            : "; check the API key in the environment variable " + config.apiKeyEnv();
        case 404 -> "; check the base URL (requests go to " + config.endpoint() + ") and the model name \"" + config.model() + "\"";
        default -> "";
      };
      throw new LlmException("the LLM at " + config.baseUrl() + " refused the request for " + context + " with HTTP " + status
          + ": " + snippet(response.body()) + fix);
    }
  }

  private HttpRequest buildRequest(List<ChatMessage> messages) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", config.model());
    ArrayNode ms = body.putArray("messages");
    for (ChatMessage m : messages) {
      ms.addObject().put("role", m.role()).put("content", m.content());
    }
    body.put("temperature", config.temperature());
    body.put("max_tokens", config.maxTokens());
    body.put("n", 1);
    HttpRequest.Builder b = HttpRequest.newBuilder(config.endpoint())
        .timeout(config.requestTimeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.string(body), StandardCharsets.UTF_8));
    if (config.apiKeyEnv() != null) {
      String key = environment.apply(config.apiKeyEnv());
      if (key == null || key.isBlank()) {
        throw new LlmException("the environment variable " + config.apiKeyEnv()
            + " that should hold the LLM API key is not set; set it, or set apiKeyEnv to none for a server without keys");
      }
      b.header("Authorization", "Bearer " + key.strip());
    }
    return b.build();
  }

  private String parse(String body, String context) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw malformed(body, context, "it is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw malformed(body, context, "it is not a JSON object");
    }
    JsonNode choices = root.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw malformed(body, context, "it has no \"choices\"");
    }
    JsonNode content = choices.get(0).path("message").path("content");
    if (!content.isTextual()) {
      throw malformed(body, context, "choices[0].message.content is not a string");
    }
    return content.asText();
  }

  private LlmException malformed(String body, String context, String why) {
    return new LlmException("malformed answer from the LLM at " + config.baseUrl() + " for " + context + ": " + why
        + "; the body starts: " + snippet(body));
  }

  private LlmException unreachable(String context, String failure, int attempt, Exception cause) {
    return new LlmException("cannot reach the LLM at " + config.baseUrl() + " (" + failure + ", " + (attempt + 1) + " attempt"
        + (attempt == 0 ? "" : "s") + ") for " + context + "; check the base URL and that the server is running", cause);
  }

  /** Exponential backoff with jitter: uniform in the upper half of min(max, initial·2^attempt). */
  Duration backoff(int attempt) {
    long initial = config.initialBackoff().toMillis();
    long max = config.maxBackoff().toMillis();
    long d = attempt >= 30 ? max : Math.min(max, initial << attempt);
    long jittered;
    synchronized (this) {
      jittered = d / 2 + (long) (jitter.nextDouble() * (d - d / 2));
    }
    return Duration.ofMillis(Math.max(1, jittered));
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    String v = response.headers().firstValue("Retry-After").orElse(null);
    if (v == null || v.isBlank()) {
      return null;
    }
    v = v.strip();
    try {
      double seconds = Double.parseDouble(v);
      return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  private void pause(Duration d, String context, String failure) {
    LOG.log(System.Logger.Level.INFO, "LLM " + failure + " for " + context + "; retrying in " + d.toMillis() + " ms");
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException("interrupted while waiting to retry the LLM at " + config.baseUrl() + " (" + context + ")", e);
    }
  }

  private static String snippet(String body) {
    if (body == null || body.isEmpty()) {
      return "(empty body)";
    }
    String s = body.replaceAll("\\s+", " ").strip();
    return s.length() <= SNIPPET ? "\"" + s + "\"" : "\"" + s.substring(0, SNIPPET) + "…\"";
  }
}
