package dev.glassbox.cli;

import dev.glassbox.server.GlassboxServer;
import dev.glassbox.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Serve the models of a models directory over HTTP: the REST API under /v1 (predict, explain,",
        "intervene, edit), /health, /metrics, /openapi.json, and the web UI at /.",
        "Layout: MODELS/NAME/VERSION/ (a model artifact per version, VERSION a positive integer); the",
        "highest version is served, and new versions are picked up while running. Edits made through the",
        "API are saved as new versions. Ctrl-C stops the server cleanly.",
        "",
        "Example:",
        "  mkdir -p models/synth && cp -r model models/synth/1",
        "  glassbox serve --models models --port 8080 --data synth=synth-data",
        "  curl -s localhost:8080/v1/models/synth"})
final class ServeCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--models", required = true, paramLabel = "DIR", description = "Models directory (MODELS/NAME/VERSION/).")
  Path models;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default: ${DEFAULT-VALUE}, loopback only).")
  String host;

  @Option(names = "--token", defaultValue = "${env:GLASSBOX_TOKEN}", paramLabel = "TOKEN",
      description = "Require 'Authorization: Bearer TOKEN' on /v1 and /metrics (default: the GLASSBOX_TOKEN environment variable; none when unset).")
  String token;

  @Option(names = "--data", paramLabel = "NAME=DIR", description = "Validation dataset of model NAME: edits report accuracy before and after; repeatable.")
  Map<String, Path> data = new LinkedHashMap<>();

  @Option(names = "--encoder", paramLabel = "NAME=DIR",
      description = "CLIP ONNX directory for the image encoder NAME (as recorded in models' provenance); repeatable.")
  Map<String, Path> encoders = new LinkedHashMap<>();

  @Option(names = "--samples", paramLabel = "DIR", description = "Folder of sample images the web UI offers.")
  Path samples;

  @Option(names = "--max-body-mb", defaultValue = "10", description = "Largest request body in MiB (default: ${DEFAULT-VALUE}).")
  double maxBodyMb;

  @Option(names = "--max-pixels", defaultValue = "40000000", description = "Largest image width × height (default: ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(names = "--threads", description = "Requests computed at once (default: the number of processors).")
  Integer threads;

  @Option(names = "--queue", defaultValue = "64", description = "Requests that may wait for a slot before 503s (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--timeout-seconds", defaultValue = "30", description = "Request timeout in seconds (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--reload-seconds", defaultValue = "2",
      description = "How often to look for new model versions, 0 for only on POST /v1/reload (default: ${DEFAULT-VALUE}).")
  double reloadSeconds;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile GlassboxServer server;

  @Override
  public Integer call() throws Exception {
    if (!(maxBodyMb > 0) || maxBodyMb > 1024) {
      throw new IllegalArgumentException("--max-body-mb must be in (0, 1024], got " + maxBodyMb);
    }
    if (!(timeoutSeconds > 0)) {
      throw new IllegalArgumentException("--timeout-seconds must be > 0, got " + timeoutSeconds);
    }
    if (!(reloadSeconds >= 0)) {
      throw new IllegalArgumentException("--reload-seconds must be ≥ 0, got " + reloadSeconds);
    }
    ServerConfig config = ServerConfig.defaults(models)
        .withPort(port).withHost(host).withToken(token).withDatasets(data).withEncoders(encoders).withSamplesDir(samples)
        .withMaxBodyBytes((long) (maxBodyMb * 1024 * 1024)).withMaxImagePixels(maxPixels).withQueue(queue)
        .withRequestTimeout(Duration.ofMillis((long) (timeoutSeconds * 1000)))
        .withReloadInterval(Duration.ofMillis((long) (reloadSeconds * 1000)));
    if (threads != null) {
      config = config.withThreads(threads);
    }
    server = GlassboxServer.start(config);
    Thread hook = new Thread(this::stop, "glassbox-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    var out = spec.commandLine().getOut();
    out.println("glassbox serve: listening on " + server.uri() + " (web UI at " + server.uri() + ", API under " + server.uri() + "v1/)");
    out.flush();
    stopped.await();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: the JVM is exiting because of Ctrl-C.
    }
    return 0;
  }

  /** Stops the server (Ctrl-C does this through a shutdown hook) and lets {@link #call()} return. */
  void stop() {
    GlassboxServer s = server;
    if (s != null && stopped.getCount() > 0) {
      s.close();
    }
    stopped.countDown();
  }

  /** The running server, or null (for tests). */
  GlassboxServer server() {
    return server;
  }
}
