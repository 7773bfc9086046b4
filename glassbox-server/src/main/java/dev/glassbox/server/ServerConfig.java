package dev.glassbox.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings of a {@link GlassboxServer}. Validated on construction; every limit has one default.
 *
 * @param modelsDir the models directory, laid out {@code MODELS/{name}/{version}/} with one model
 *     artifact per version directory (a positive integer); the only place models are read from
 * @param host the interface to listen on. Default {@code 127.0.0.1} (loopback only)
 * @param port the TCP port, 0 for any free port. Range [0, 65535]. Default 8080
 * @param token a bearer token that every API request must carry, or null for none
 * @param datasets validation datasets by model name ({@code --data NAME=DIR}): edits of that model
 *     report validation accuracy before and after
 * @param encoders CLIP-family ONNX model directories by encoder name ({@code --encoder NAME=DIR}),
 *     used for image requests to models whose provenance names that encoder
 * @param samplesDir a folder of sample images the web UI can offer, or null
 * @param maxBodyBytes the largest request body accepted (413 above it). Range [1 KiB, 1 GiB].
 *     Default 10 MiB
 * @param maxImagePixels the largest width × height an image may claim in its header (413 above it,
 *     checked before any pixel memory is allocated). Range [1, 2^31 − 1]. Default 40 megapixels
 * @param threads requests computed at once (predict, explain, intervene, edits). Range [1, 256].
 *     Default: the number of processors
 * @param queue requests that may wait for a computing slot; beyond that a request gets 503 with
 *     {@code Retry-After}. Range [0, 10,000]. Default 64
 * @param requestTimeout longest a request may wait for a slot plus compute before it is answered
 *     with 503 (still queued) or 504 (computed too late); connections may stay idle 10 s longer, so
 *     that an answer given at the deadline is never cut off. Default 30 s
 * @param reloadInterval how often the models directory is scanned for new versions, or
 *     {@link Duration#ZERO} to reload only on {@code POST /v1/reload}. Default 2 s
 * @param cachedVersions older (non-latest) versions of each model kept loaded after a request
 *     names them. Range [0, 64]. Default 4
 */
public record ServerConfig(
    Path modelsDir, String host, int port, String token, Map<String, Path> datasets, Map<String, Path> encoders,
    Path samplesDir, long maxBodyBytes, long maxImagePixels, int threads, int queue, Duration requestTimeout,
    Duration reloadInterval, int cachedVersions) {

  public static final long DEFAULT_MAX_BODY_BYTES = 10L << 20;
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 40_000_000L;

  public ServerConfig {
    Objects.requireNonNull(modelsDir, "modelsDir");
    host = host == null || host.isBlank() ? "127.0.0.1" : host;
    token = token == null || token.isEmpty() ? null : token;
    datasets = Map.copyOf(new TreeMap<>(datasets == null ? Map.of() : datasets));
    encoders = Map.copyOf(new TreeMap<>(encoders == null ? Map.of() : encoders));
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
    reloadInterval = reloadInterval == null ? Duration.ZERO : reloadInterval;
    check(port >= 0 && port <= 65535, "port", "in [0, 65535]", port);
    check(maxBodyBytes >= 1024 && maxBodyBytes <= (1L << 30), "maxBodyBytes", "in [1024, 2^30]", maxBodyBytes);
    check(maxImagePixels >= 1 && maxImagePixels <= Integer.MAX_VALUE, "maxImagePixels", "in [1, 2^31 - 1]", maxImagePixels);
    check(threads >= 1 && threads <= 256, "threads", "in [1, 256]", threads);
    check(queue >= 0 && queue <= 10_000, "queue", "in [0, 10000]", queue);
    check(!requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout", "> 0", requestTimeout);
    check(!reloadInterval.isNegative(), "reloadInterval", "≥ 0", reloadInterval);
    check(cachedVersions >= 0 && cachedVersions <= 64, "cachedVersions", "in [0, 64]", cachedVersions);
    if (token != null && token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      throw new IllegalArgumentException("the token must be printable ASCII without spaces");
    }
    for (String name : datasets.keySet()) {
      ModelNames.requireValidName(name, "--data");
    }
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("server " + name + " must be " + range + ", got " + value);
    }
  }

  /** The defaults for a models directory. */
  public static ServerConfig defaults(Path modelsDir) {
    return new ServerConfig(modelsDir, "127.0.0.1", 8080, null, Map.of(), Map.of(), null, DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_IMAGE_PIXELS, Math.max(1, Runtime.getRuntime().availableProcessors()), 64, Duration.ofSeconds(30),
        Duration.ofSeconds(2), 4);
  }

  public ServerConfig withHost(String v) {
    return new ServerConfig(modelsDir, v, port, token, datasets, encoders, samplesDir, maxBodyBytes, maxImagePixels, threads, queue,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withPort(int v) {
    return new ServerConfig(modelsDir, host, v, token, datasets, encoders, samplesDir, maxBodyBytes, maxImagePixels, threads, queue,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withToken(String v) {
    return new ServerConfig(modelsDir, host, port, v, datasets, encoders, samplesDir, maxBodyBytes, maxImagePixels, threads, queue,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withDatasets(Map<String, Path> v) {
    return new ServerConfig(modelsDir, host, port, token, v, encoders, samplesDir, maxBodyBytes, maxImagePixels, threads, queue,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withEncoders(Map<String, Path> v) {
    return new ServerConfig(modelsDir, host, port, token, datasets, v, samplesDir, maxBodyBytes, maxImagePixels, threads, queue,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withSamplesDir(Path v) {
    return new ServerConfig(modelsDir, host, port, token, datasets, encoders, v, maxBodyBytes, maxImagePixels, threads, queue,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withMaxBodyBytes(long v) {
    return new ServerConfig(modelsDir, host, port, token, datasets, encoders, samplesDir, v, maxImagePixels, threads, queue,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withMaxImagePixels(long v) {
    return new ServerConfig(modelsDir, host, port, token, datasets, encoders, samplesDir, maxBodyBytes, v, threads, queue,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withThreads(int v) {
    return new ServerConfig(modelsDir, host, port, token, datasets, encoders, samplesDir, maxBodyBytes, maxImagePixels, v, queue,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withQueue(int v) {
    return new ServerConfig(modelsDir, host, port, token, datasets, encoders, samplesDir, maxBodyBytes, maxImagePixels, threads, v,
        requestTimeout, reloadInterval, cachedVersions);
  }

  public ServerConfig withRequestTimeout(Duration v) {
    return new ServerConfig(modelsDir, host, port, token, datasets, encoders, samplesDir, maxBodyBytes, maxImagePixels, threads, queue,
        v, reloadInterval, cachedVersions);
  }

  public ServerConfig withReloadInterval(Duration v) {
    return new ServerConfig(modelsDir, host, port, token, datasets, encoders, samplesDir, maxBodyBytes, maxImagePixels, threads, queue,
        requestTimeout, v, cachedVersions);
  }

  public ServerConfig withCachedVersions(int v) {
    return new ServerConfig(modelsDir, host, port, token, datasets, encoders, samplesDir, maxBodyBytes, maxImagePixels, threads, queue,
        requestTimeout, reloadInterval, v);
  }
}
