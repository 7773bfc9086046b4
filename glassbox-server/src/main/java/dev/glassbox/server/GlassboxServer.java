package dev.glassbox.server;

import dev.glassbox.encoders.image.ImageDecoder;
import dev.glassbox.encoders.image.ImageDecoderConfig;
import dev.glassbox.io.DatasetStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glassbox's HTTP server: the REST API under {@code /v1} (predict, explain, intervene, edit, read
 * models), {@code /health}, {@code /metrics}, {@code /openapi.json} and the web UI at {@code /},
 * over the models of one models directory. Start with {@link #start}; {@link #close()} stops
 * accepting, lets running requests finish (up to the request timeout), and frees encoders and
 * datasets.
 *
 * <p>Request handling does no per-request model loading: models are loaded and verified when they
 * appear (a timer rescans the directory; {@code POST /v1/reload} forces it) and swapped in
 * atomically, so a request sees one complete version from start to end.
 */
public final class GlassboxServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GlassboxServer.class);

  private final ServerConfig config;
  private final Javalin app;
  private final ImageEncoders encoders;
  private final Map<String, DatasetStore.Stored> datasets;
  private final ScheduledExecutorService reloader;
  private final HttpApi api;
  private final Admission admission;

  private GlassboxServer(ServerConfig config, Javalin app, ImageEncoders encoders, Map<String, DatasetStore.Stored> datasets,
      ScheduledExecutorService reloader, HttpApi api, Admission admission) {
    this.config = config;
    this.app = app;
    this.encoders = encoders;
    this.datasets = datasets;
    this.reloader = reloader;
    this.api = api;
    this.admission = admission;
  }

  /** Loads the models directory, opens encoders and datasets, and starts listening. */
  public static GlassboxServer start(ServerConfig config) throws IOException {
    Metrics metrics = new Metrics();
    ModelRegistry registry = new ModelRegistry(config.modelsDir(), metrics, config.cachedVersions());
    registry.reload();
    ImageDecoder decoder = new ImageDecoder(ImageDecoderConfig.defaults().withMaxPixels(config.maxImagePixels())
        .withMaxFileBytes(config.maxBodyBytes()));
    Map<String, DatasetStore.Stored> datasets = new LinkedHashMap<>();
    ImageEncoders encoders = null;
    ScheduledExecutorService reloader = null;
    Admission admission = null;
    try {
      for (Map.Entry<String, Path> e : config.datasets().entrySet()) {
        DatasetStore.Stored s = DatasetStore.read(e.getValue());
        datasets.put(e.getKey(), s);
        checkDataset(registry, e.getKey(), e.getValue(), s);
      }
      encoders = new ImageEncoders(config.encoders(), decoder, GlassboxServer.class.getClassLoader());
      admission = new Admission(config.threads(), config.queue(), metrics);
      metrics.queueDepth(admission::waiting);
      metrics.modelsLoaded(() -> registry.latest().size());
      ModelService service = new ModelService(registry, encoders, decoder, datasets);
      HttpApi api = new HttpApi(config, service, admission, metrics, new Samples(config.samplesDir()), encoders);
      // HTTP threads wait while their requests are queued for or running on a computing thread, so the
      // pool holds them all plus a reserve for Jetty's selector and acceptor and for cheap requests
      // (health, metrics, static files).
      int maxThreads = config.threads() + config.queue() + 16;
      QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads), 60_000);
      pool.setName("glassbox-http");
      Javalin app = Javalin.create(c -> {
        c.jetty.threadPool = pool;
        api.configure(c);
      });
      app.start(config.host(), config.port());
      for (Connector c : app.jettyServer().server().getConnectors()) {
        if (c instanceof ServerConnector sc) {
          sc.setIdleTimeout(config.requestTimeout().plus(IDLE_MARGIN).toMillis());
        }
      }
      if (!config.reloadInterval().isZero()) {
        reloader = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "glassbox-model-reload");
          t.setDaemon(true);
          return t;
        });
        long ms = config.reloadInterval().toMillis();
        reloader.scheduleWithFixedDelay(() -> {
          try {
            registry.reload();
          } catch (RuntimeException ex) {
            LOG.warn("model reload failed: {}", ex.toString());
          }
        }, ms, ms, TimeUnit.MILLISECONDS);
      }
      GlassboxServer server = new GlassboxServer(config, app, encoders, datasets, reloader, api, admission);
      LOG.info("glassbox server listening on {} with {} model(s) from {}", server.uri(), registry.latest().size(), registry.root());
      return server;
    } catch (IOException | RuntimeException e) {
      if (reloader != null) {
        reloader.shutdownNow();
      }
      if (encoders != null) {
        encoders.close();
      }
      if (admission != null) {
        admission.close();
      }
      closeAll(datasets);
      throw e;
    }
  }

  private static void checkDataset(ModelRegistry registry, String name, Path dir, DatasetStore.Stored s) {
    ServedModel m;
    try {
      m = registry.get(name);
    } catch (ApiException e) {
      throw new IllegalArgumentException("--data " + name + "=" + dir + ": the models directory has no loadable model '" + name + "'");
    }
    if (!m.model.classNames().equals(s.dataset().classNames())) {
      throw new IllegalArgumentException("--data " + name + "=" + dir + ": the dataset's classes " + abbreviate(s.dataset().classNames())
          + " are not the model's " + abbreviate(m.model.classNames()) + "; give the dataset the model was trained on");
    }
    if (s.dataset().dim() != m.model.inputDim()) {
      throw new IllegalArgumentException("--data " + name + "=" + dir + ": the dataset's embeddings are " + s.dataset().dim()
          + "-d but the model reads " + m.model.inputDim() + "-d");
    }
  }

  private static String abbreviate(java.util.List<String> l) {
    return l.size() <= 6 ? l.toString() : l.subList(0, 6) + " … (" + l.size() + ")";
  }

  /** The port the server listens on (the chosen one when the config said 0). */
  public int port() {
    return app.port();
  }

  /** The server's base URI, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port() + "/");
  }

  public ServerConfig config() {
    return config;
  }

  /** The routes as {@code METHOD path} (for tests that check the OpenAPI document covers them). */
  public java.util.List<String> routes() {
    return api.routes().stream().map(r -> r.method().name() + " " + r.path()).toList();
  }

  /**
   * Stops accepting connections, waits for the requests being handled to finish and their responses
   * to be sent (Jetty's graceful stop, at most the request timeout), stops the server and frees
   * encoders and datasets.
   */
  @Override
  public void close() {
    if (reloader != null) {
      reloader.shutdownNow();
    }
    try {
      // New requests are refused from here on; wait for those in progress to be answered.
      api.graceful().shutdown().get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("stopping with requests still running after {} ms", config.requestTimeout().toMillis());
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.warn("graceful stop failed: {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    app.stop();
    admission.close();
    encoders.close();
    closeAll(datasets);
    LOG.info("glassbox server stopped");
  }

  private static void closeAll(Map<String, DatasetStore.Stored> datasets) {
    for (DatasetStore.Stored s : datasets.values()) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.warn("cannot close dataset {}: {}", s.dataset().name(), e.toString());
      }
    }
  }

  /**
   * How much longer than the request timeout a connection may stay idle. A request that waited its
   * whole timeout in the queue is answered (503) just as its connection has been idle for as long;
   * with equal timeouts the connection could close first and the client would get no answer at all
   * (seen once in {@code OverloadTest} under a cold JVM).
   */
  static final Duration IDLE_MARGIN = Duration.ofSeconds(10);
}
