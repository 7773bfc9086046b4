package dev.glassbox.server;

import dev.glassbox.io.ModelStore;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer: the route table, request parsing into {@link Requests} records, and the mapping of
 * results and failures to responses. Handlers stay thin: parse, take a computing slot, call
 * {@link ModelService}, write. Every failure is JSON {@code {error, field, message, id}}; the id is
 * also in the {@code X-Request-Id} header and the log, where 5xx failures have their stack trace.
 */
final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  static final String JSON = "application/json";
  private static final String ATTR_ID = "glassbox.id";
  private static final String ATTR_START = "glassbox.start";
  private static final String ATTR_ROUTE = "glassbox.route";
  private static final String ATTR_BODY = "glassbox.body";
  private static final String ATTR_ERROR = "glassbox.error";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int DEFAULT_TOP = 5;
  private static final Set<String> INFER_KEYS = Set.of("embedding", "top", "return_embedding");
  private static final Set<String> EXPLAIN_KEYS = Set.of("embedding", "top", "return_embedding", "explain_class");
  private static final Set<String> INTERVENE_KEYS = Set.of("embedding", "top", "return_embedding", "set", "zero");
  private static final Set<String> EDIT_KEYS = Set.of("zero", "remove", "reweight", "class", "base_version");

  /** One route: method, Javalin path, and whether it computes (and so runs on {@link Admission}'s computing threads). */
  record Route(HandlerType method, String path, boolean computes, Handler handler) {}

  private final ServerConfig config;
  private final ModelService service;
  private final Admission admission;
  private final Metrics metrics;
  private final Samples samples;
  private final ImageEncoders encoders;
  private final byte[] tokenBytes;
  private final long startedNanos = System.nanoTime();
  private final long timeoutNanos;
  private final List<Route> routes = new ArrayList<>();
  /** Tracks requests until their responses are sent, so that a stop can wait for them. */
  private final GracefulHandler graceful = new GracefulHandler();

  HttpApi(ServerConfig config, ModelService service, Admission admission, Metrics metrics, Samples samples, ImageEncoders encoders) {
    this.config = config;
    this.service = service;
    this.admission = admission;
    this.metrics = metrics;
    this.samples = samples;
    this.encoders = encoders;
    this.tokenBytes = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
    this.timeoutNanos = config.requestTimeout().toNanos();
    route(HandlerType.GET, "/health", false, this::health);
    route(HandlerType.GET, "/metrics", false, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
    route(HandlerType.GET, "/openapi.json", false, this::openApi);
    route(HandlerType.GET, "/v1/models", false, this::listModels);
    route(HandlerType.POST, "/v1/reload", false, this::reloadAll);
    route(HandlerType.GET, "/v1/models/{name}", false, this::describeModel);
    route(HandlerType.POST, "/v1/models/{name}/reload", false, this::reloadOne);
    route(HandlerType.GET, "/v1/models/{name}/concepts", false, ctx -> ok(ctx, Responses.concepts(model(ctx))));
    route(HandlerType.GET, "/v1/models/{name}/weights", false, ctx -> ok(ctx, Responses.weights(model(ctx))));
    route(HandlerType.GET, "/v1/models/{name}/classes/{class}/weights", false, this::classWeights);
    route(HandlerType.POST, "/v1/models/{name}/predict", true, ctx -> infer(ctx, false));
    route(HandlerType.POST, "/v1/models/{name}/explain", true, ctx -> infer(ctx, true));
    route(HandlerType.POST, "/v1/models/{name}/intervene", true, this::intervene);
    route(HandlerType.POST, "/v1/models/{name}/edits", true, this::edit);
    route(HandlerType.GET, "/v1/samples", false, this::listSamples);
    route(HandlerType.GET, "/v1/samples/{file}", false, this::sample);
  }

  private void route(HandlerType method, String path, boolean computes, Handler h) {
    routes.add(new Route(method, path, computes, h));
  }

  /** The handler that knows when every request in progress has been answered. */
  GracefulHandler graceful() {
    return graceful;
  }

  /** The route table (for the OpenAPI test). */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  void configure(JavalinConfig c) {
    c.startup.showJavalinBanner = false;
    c.startup.showOldJavalinVersionWarning = false;
    c.http.maxRequestSize = config.maxBodyBytes();
    c.http.prefer405over404 = true;
    c.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), SizeUnit.BYTES);
    c.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(), SizeUnit.BYTES);
    c.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, config.maxBodyBytes()), SizeUnit.BYTES);
    c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(metrics)));
    c.jetty.modifyServletContextHandler(h -> h.insertHandler(graceful));
    c.jetty.modifyHttpConfiguration(hc -> hc.setSendServerVersion(false));
    c.staticFiles.add(sf -> {
      sf.hostedPath = "/";
      sf.directory = "/web";
      sf.location = Location.CLASSPATH;
    });
    c.routes.before(this::before);
    for (Route r : routes) {
      Handler h = r.handler();
      String path = r.path();
      boolean computes = r.computes();
      c.routes.addHttpHandler(r.method(), path, ctx -> handle(ctx, path, computes, h));
    }
    c.routes.exception(ApiException.class, (e, ctx) -> writeError(ctx, e));
    c.routes.exception(HttpResponseException.class, (e, ctx) -> writeError(ctx, fromJavalin(e, ctx)));
    c.routes.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      c.routes.error(status, ctx -> {
        if (ctx.attribute(ATTR_ERROR) == null) {
          writeError(ctx, new ApiException(status, status == 404 ? "not_found" : status == 405 ? "method_not_allowed" : "error",
              status == 404 || status == 405 ? "path" : null, status == 404 ? "no route " + ctx.method() + " " + ctx.path()
              + "; GET /openapi.json lists the API" : status == 405 ? ctx.method() + " is not allowed on " + ctx.path()
              : "request failed with status " + status, null));
        }
      });
    }
    c.requestLogger.http((ctx, ms) -> {
      Long start = ctx.attribute(ATTR_START);
      long nanos = start == null ? (long) (ms * 1e6) : System.nanoTime() - start;
      String route = ctx.attribute(ATTR_ROUTE);
      if (route == null) {
        route = ctx.statusCode() < 400 ? "static" : "unmatched";
      }
      metrics.observe(ctx.method().name(), route, ctx.statusCode(), nanos);
    });
  }

  private void before(Context ctx) {
    ctx.attribute(ATTR_START, System.nanoTime());
    String given = ctx.header("X-Request-Id");
    String id = given != null && SAFE_ID.matcher(given).matches() ? given : JsonErrorHandler.newId();
    ctx.attribute(ATTR_ID, id);
    ctx.header("X-Request-Id", id);
    String path = ctx.path();
    // The router also answers a path with a trailing slash ("/metrics/"): checked the same.
    String bare = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (tokenBytes != null && (bare.startsWith("/v1/") || bare.equals("/v1") || bare.equals("/metrics"))) {
      String auth = ctx.header("Authorization");
      byte[] given2 = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
          ? auth.substring(7).strip().getBytes(StandardCharsets.UTF_8) : null;
      if (given2 == null || !MessageDigest.isEqual(given2, tokenBytes)) {
        throw ApiException.unauthorized(auth == null ? "this server needs a bearer token: send the header 'Authorization: Bearer TOKEN'"
            : "the bearer token is not this server's token");
      }
    }
    if (ctx.method() == HandlerType.POST) {
      long len = ctx.req().getContentLengthLong();
      if (len > config.maxBodyBytes()) {
        throw ApiException.tooLarge("body", "the request body has " + len + " bytes, more than the server's limit of "
            + config.maxBodyBytes() + " (--max-body-mb)");
      }
    }
  }

  private void handle(Context ctx, String route, boolean computes, Handler h) throws Exception {
    ctx.attribute(ATTR_ROUTE, route);
    metrics.enter();
    try {
      if (computes) {
        // The body arrives over the network: read it on this HTTP thread, so that a computing thread
        // is never held idle while a request's bytes are still coming in.
        prefetchBody(ctx);
        admission.run(deadline(ctx), () -> h.handle(ctx));
      } else {
        h.handle(ctx);
      }
    } finally {
      metrics.exit();
    }
  }

  private long deadline(Context ctx) {
    Long start = ctx.attribute(ATTR_START);
    return (start == null ? System.nanoTime() : start) + timeoutNanos;
  }

  // ------------------------------------------------------------------------------------------
  // Handlers

  private void health(Context ctx) {
    List<Map<String, Object>> ms = new ArrayList<>();
    for (ServedModel m : service.registry().latest()) {
      ms.add(Map.of("name", m.name, "version", m.version));
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("status", "ok");
    j.put("uptime_seconds", (System.nanoTime() - startedNanos) / 1_000_000_000L);
    j.put("auth", tokenBytes != null);
    j.put("models", ms);
    j.put("failures", service.registry().failures());
    j.put("samples", samples.configured());
    ok(ctx, Responses.value(j));
  }

  private void openApi(Context ctx) throws IOException {
    try (InputStream in = HttpApi.class.getResourceAsStream("/dev/glassbox/server/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the server's resources");
      }
      ok(ctx, in.readAllBytes());
    }
  }

  private void listModels(Context ctx) {
    List<Map<String, Object>> ms = new ArrayList<>();
    for (ServedModel m : service.registry().latest()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("name", m.name);
      j.put("version", m.version);
      j.put("num_classes", m.model.numClasses());
      j.put("num_concepts", m.model.numConcepts());
      j.put("input_dim", m.model.inputDim());
      j.put("method", m.model.provenance().method());
      j.put("encoder", m.model.provenance().encoder() == null ? null : m.model.provenance().encoder().name());
      ms.add(j);
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("models", ms);
    j.put("failures", service.registry().failures());
    ok(ctx, Responses.value(j));
  }

  private void reloadAll(Context ctx) {
    List<ServedModel> changed = service.registry().reload();
    List<Map<String, Object>> l = new ArrayList<>();
    changed.forEach(m -> l.add(Map.of("name", m.name, "version", m.version)));
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("changed", l);
    j.put("failures", service.registry().failures());
    ok(ctx, Responses.value(j));
  }

  private void reloadOne(Context ctx) {
    String name = ctx.pathParam("name");
    ServedModel changed = service.registry().reload(name);
    ServedModel m = service.registry().get(name);
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("name", m.name);
    j.put("version", m.version);
    j.put("changed", changed != null);
    ok(ctx, Responses.value(j));
  }

  private void describeModel(Context ctx) {
    ServedModel m = model(ctx);
    var mod = m.model;
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("name", m.name);
    j.put("version", m.version);
    j.put("versions", service.registry().versionsOnDisk(m.name));
    j.put("loaded_at", m.loadedAt);
    j.put("num_classes", mod.numClasses());
    j.put("num_concepts", mod.numConcepts());
    j.put("input_dim", mod.inputDim());
    j.put("classes", mod.classNames());
    j.put("non_zero_weights", m.nonZeros());
    j.put("non_zeros_per_class", mod.head().nonZerosPerClass());
    j.put("bottleneck", Map.of("kind", mod.bottleneck().kind(), "config", mod.bottleneck().config()));
    j.put("residual", mod.head().residual() != null);
    Map<String, Object> img = new LinkedHashMap<>();
    try {
      encoders.forModel(m);
      img.put("available", true);
      img.put("reason", null);
    } catch (ApiException e) {
      img.put("available", false);
      img.put("reason", e.getMessage());
    }
    j.put("image_input", img);
    Double acc = service.validationAccuracy(m);
    j.put("validation_accuracy", acc);
    j.put("provenance", ModelStore.provenanceToJson(mod.provenance()));
    ok(ctx, Responses.value(j));
  }

  private void classWeights(Context ctx) {
    ServedModel m = model(ctx);
    String cls = ctx.pathParam("class");
    int c = m.classIndex(cls);
    if (c < 0) {
      throw ApiException.notFound("class", "model '" + m.name + "' has no class '" + ModelNames.shorten(cls) + "'");
    }
    ok(ctx, Responses.classWeights(m, c));
  }

  private void infer(Context ctx, boolean explain) {
    String name = ctx.pathParam("name");
    ModelNames.requireValidName(name, "name");
    Integer version = version(ctx);
    Parsed p = parseInput(ctx, explain ? EXPLAIN_KEYS : INFER_KEYS);
    int top = p.body.top() != null ? p.body.top() : queryTop(ctx);
    String cls = p.body.explainClass() != null ? p.body.explainClass() : explain ? ctx.queryParam("explain_class") : null;
    boolean ret = p.body.returnEmbedding() != null ? p.body.returnEmbedding() : queryBool(ctx, "return_embedding");
    var r = new Requests.Inference(name, version, p.input, top, cls, ret);
    var res = service.infer(r, deadline(ctx));
    ok(ctx, explain ? Responses.explain(res, top, ret) : Responses.predict(res, top, ret));
  }

  private void intervene(Context ctx) {
    String name = ctx.pathParam("name");
    ModelNames.requireValidName(name, "name");
    Integer version = version(ctx);
    Parsed p = parseInput(ctx, INTERVENE_KEYS);
    int top = p.body.top() != null ? p.body.top() : queryTop(ctx);
    boolean ret = p.body.returnEmbedding() != null ? p.body.returnEmbedding() : queryBool(ctx, "return_embedding");
    Map<String, Float> set = p.body.set() != null ? p.body.set() : querySet(ctx);
    List<String> zero = p.body.zero() != null ? p.body.zero() : ctx.queryParams("zero");
    var r = new Requests.Intervene(name, version, p.input, set, zero, top, ret);
    ok(ctx, Responses.intervene(service.intervene(r, deadline(ctx)), top, ret));
  }

  private void edit(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    ModelNames.requireValidName(name, "name");
    requireJson(ctx);
    RequestParser.Body b = RequestParser.parse(readBody(ctx), EDIT_KEYS);
    var r = new Requests.Edit(name, b.zero() == null ? List.of() : b.zero(), b.remove() == null ? List.of() : b.remove(),
        b.reweight() == null ? Map.of() : b.reweight(), b.className(), b.baseVersion());
    ctx.status(201);
    ctx.contentType(JSON).result(Responses.edit(service.edit(r)));
  }

  private void listSamples(Context ctx) {
    List<Map<String, Object>> l = new ArrayList<>();
    for (Samples.Sample s : samples.list()) {
      l.add(Map.of("name", s.name(), "content_type", s.contentType(), "bytes", s.bytes(), "url", "/v1/samples/" + s.name()));
    }
    ok(ctx, Responses.value(Map.of("samples", l)));
  }

  private void sample(Context ctx) throws IOException {
    Samples.Sample s = samples.get(ctx.pathParam("file"));
    ctx.contentType(s.contentType()).result(Files.readAllBytes(s.path()));
  }

  // ------------------------------------------------------------------------------------------
  // Parsing

  private record Parsed(Requests.Input input, RequestParser.Body body) {}

  private static final RequestParser.Body EMPTY = new RequestParser.Body(null, null, null, null, null, null, null, null, null, false, null);

  /** The input of a predict/explain/intervene request: a JSON body, a multipart form, or raw image bytes. */
  private Parsed parseInput(Context ctx, Set<String> keys) {
    String type = mediaType(ctx);
    if (type == null) {
      throw ApiException.unsupportedMediaType("Content-Type", "the request has no Content-Type; send application/json with an "
          + "\"embedding\", multipart/form-data with an \"image\" file, or the image bytes as image/*");
    }
    if (type.equals(JSON) || type.endsWith("+json")) {
      RequestParser.Body b = RequestParser.parse(readBody(ctx), keys);
      if (b.embedding() == null) {
        throw ApiException.badRequest("embedding", "the JSON body has no \"embedding\"; send {\"embedding\": [...]} with the model's "
            + "input dimension, or send an image instead (multipart \"image\" or raw image/* bytes)");
      }
      return new Parsed(new Requests.EmbeddingInput(b.embedding()), b);
    }
    if (type.equals("multipart/form-data")) {
      UploadedFile f;
      String request;
      Prefetched p = ctx.attribute(ATTR_BODY);
      if (p != null && p.failure() != null) {
        throw multipartFailure(p.failure());
      }
      try {
        f = ctx.uploadedFile("image");
        request = ctx.formParam("request");
      } catch (Exception e) {
        // Jetty's parser throws the checked ServletException for a malformed form (Javalin does not
        // declare it): a client's error, not the server's.
        closeAfter(ctx);
        throw multipartFailure(e);
      }
      if (f == null) {
        throw ApiException.badRequest("image", "the multipart form has no file field \"image\"");
      }
      byte[] bytes;
      try (InputStream in = f.content()) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw ApiException.badRequest("image", "cannot read the uploaded image: " + e.getMessage());
      }
      RequestParser.Body b = EMPTY;
      if (request != null && !request.isBlank()) {
        Set<String> noEmbedding = new java.util.HashSet<>(keys);
        noEmbedding.remove("embedding");
        b = RequestParser.parse(request.getBytes(StandardCharsets.UTF_8), noEmbedding);
      }
      String source = f.filename() == null || f.filename().isBlank() ? "image" : "image '" + ModelNames.shorten(f.filename()) + "'";
      return new Parsed(new Requests.ImageInput(bytes, source), b);
    }
    if (type.startsWith("image/") || type.equals("application/octet-stream")) {
      return new Parsed(new Requests.ImageInput(readBody(ctx), "image"), EMPTY);
    }
    throw ApiException.unsupportedMediaType("Content-Type", "Content-Type '" + ModelNames.shorten(type) + "' is not accepted here; send "
        + "application/json, multipart/form-data or image/*");
  }

  /**
   * Asks for the connection to be closed after this response: after a form it could not parse,
   * Jetty does not keep the connection, and a client told so opens a new one instead of sending
   * its next request into a closed socket.
   */
  private static void closeAfter(Context ctx) {
    ctx.header("Connection", "close");
  }

  private static ApiException multipartFailure(Exception e) {
    Throwable t = e;
    while (t != null) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("exceed") || m.contains("too large") || m.contains("max")) {
        return ApiException.tooLarge("body", "the multipart upload is larger than the server's limit: " + t.getMessage());
      }
      t = t.getCause();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // "org.eclipse.jetty.http.BadMessageException: 400: bad multipart" → "bad multipart".
    String why = String.valueOf(root.getMessage()).replaceFirst("^(?:[\\w.$]+(?:Exception|Error): )+", "").replaceFirst("^\\d{3}: ", "");
    return ApiException.badRequest("body", "malformed multipart form: " + why);
  }

  private static void requireJson(Context ctx) {
    String type = mediaType(ctx);
    if (type == null || !(type.equals(JSON) || type.endsWith("+json"))) {
      throw ApiException.unsupportedMediaType("Content-Type", "send the request as application/json");
    }
  }

  private static String mediaType(Context ctx) {
    String ct = ctx.contentType();
    if (ct == null || ct.isBlank()) {
      return null;
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Bodies up to this size, with a declared length, are read before admission; larger or chunked
   * ones inside the computing slot, so that waiting requests never hold more than this much each.
   */
  static final long PREFETCH_LIMIT = 1L << 20;

  /** A body read ahead of admission: its bytes, or the error reading it gave (thrown when the handler asks for it). */
  private record Prefetched(byte[] bytes, Exception failure) {}

  /**
   * Reads a POST body of a declared length up to {@link #PREFETCH_LIMIT} ahead of admission: raw bytes for JSON and image types, the parsed form for
   * multipart (Jetty keeps the parts). Errors are kept, not thrown, so that they surface where the
   * handler reads the body, after the checks that come before it.
   */
  private void prefetchBody(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (ctx.method() != HandlerType.POST || length < 0 || length > PREFETCH_LIMIT) {
      return;
    }
    String type = mediaType(ctx);
    if (type == null) {
      return;
    }
    if (type.equals("multipart/form-data")) {
      try {
        ctx.uploadedFile("image");
      } catch (Exception e) {
        closeAfter(ctx);
        ctx.attribute(ATTR_BODY, new Prefetched(null, e));
      }
      return;
    }
    try {
      ctx.attribute(ATTR_BODY, new Prefetched(readBodyNow(ctx), null));
    } catch (ApiException e) {
      ctx.attribute(ATTR_BODY, new Prefetched(null, e));
    }
  }

  /** The body: the bytes read ahead of admission, or read now. */
  private byte[] readBody(Context ctx) {
    Prefetched p = ctx.attribute(ATTR_BODY);
    if (p == null) {
      return readBodyNow(ctx);
    }
    if (p.failure() instanceof RuntimeException e) {
      throw e;
    }
    if (p.failure() != null) {
      throw multipartFailure(p.failure());
    }
    return p.bytes();
  }

  /** The body, read up to the size limit (the Content-Length check in {@link #before} misses chunked bodies). */
  private byte[] readBodyNow(Context ctx) {
    long max = config.maxBodyBytes();
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared >= 0 && declared <= max) {
        // One array of the declared size (Jetty ends the stream there), rather than 8 KB chunks and a copy.
        byte[] b = new byte[(int) declared];
        int n = in.readNBytes(b, 0, b.length);
        // Read on to the end of the content too: until Jetty has handed out the end, it keeps the
        // connection's read pending, and its idle timeout would cut a long computation off.
        if (in.read() != -1) {
          throw ApiException.badRequest("body", "the request body is longer than its Content-Length of " + declared + " bytes");
        }
        return n == b.length ? b : java.util.Arrays.copyOf(b, n);
      }
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (b.length > max) {
        throw ApiException.tooLarge("body", "the request body is larger than the server's limit of " + max + " bytes (--max-body-mb)");
      }
      return b;
    } catch (IOException e) {
      throw ApiException.badRequest("body", "cannot read the request body: " + e.getMessage());
    }
  }

  private static Integer version(Context ctx) {
    String v = ctx.queryParam("version");
    return v == null ? null : ModelNames.parseVersion(v, "version");
  }

  private static int queryTop(Context ctx) {
    String t = ctx.queryParam("top");
    if (t == null) {
      return DEFAULT_TOP;
    }
    try {
      return RequestParser.checkTop(Long.parseLong(t.strip()), "top");
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("top", "top must be an integer in [1, " + RequestParser.MAX_TOP + "], got '" + ModelNames.shorten(t) + "'");
    }
  }

  private static boolean queryBool(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return false;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.badRequest(name, name + " must be true or false, got '" + ModelNames.shorten(v) + "'");
    };
  }

  private static Map<String, Float> querySet(Context ctx) {
    Map<String, Float> out = new LinkedHashMap<>();
    for (String s : ctx.queryParams("set")) {
      int eq = s.lastIndexOf('=');
      if (eq <= 0) {
        throw ApiException.badRequest("set", "set '" + ModelNames.shorten(s) + "' is not of the form CONCEPT=VALUE");
      }
      String concept = s.substring(0, eq);
      float v;
      try {
        v = Float.parseFloat(s.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("set." + concept, "the value of set " + concept + " is not a number");
      }
      if (!Float.isFinite(v)) {
        throw ApiException.badRequest("set." + concept, "the value of set " + concept + " must be finite");
      }
      out.put(concept, v);
    }
    return out;
  }

  private ServedModel model(Context ctx) {
    return service.registry().get(ctx.pathParam("name"), version(ctx));
  }

  // ------------------------------------------------------------------------------------------
  // Responses

  private static void ok(Context ctx, byte[] json) {
    ctx.contentType(JSON).result(json);
  }

  private void writeError(Context ctx, ApiException e) {
    String id = ctx.attribute(ATTR_ID);
    if (id == null) {
      id = JsonErrorHandler.newId();
      ctx.header("X-Request-Id", id);
    }
    if (e.status() == 503 || e.status() == 504) {
      LOG.warn("[{}] {} {} -> {}: {}", id, ctx.method(), ctx.path(), e.status(), e.getMessage());
    } else if (e.status() < 500) {
      LOG.debug("[{}] {} {} -> {} {}: {}", id, ctx.method(), ctx.path(), e.status(), e.field(), e.getMessage());
    }
    ctx.attribute(ATTR_ERROR, Boolean.TRUE);
    ctx.status(e.status());
    if (e.retryAfterSeconds() != null) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"glassbox\"");
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("error", e.error());
    j.put("field", e.field());
    j.put("message", e.getMessage());
    j.put("id", id);
    ctx.contentType(JSON).result(Responses.value(j));
  }

  private void internalError(Context ctx, Exception e) {
    String id = ctx.attribute(ATTR_ID);
    if (id == null) {
      id = JsonErrorHandler.newId();
      ctx.attribute(ATTR_ID, id);
      ctx.header("X-Request-Id", id);
    }
    LOG.error("[{}] {} {} failed", id, ctx.method(), ctx.path(), e);
    writeError(ctx, new ApiException(500, "internal", null, "the server failed to handle this request; the server log has the details "
        + "under id " + id, null));
  }

  private static ApiException fromJavalin(HttpResponseException e, Context ctx) {
    int s = e.getStatus();
    return switch (s) {
      case 413 -> ApiException.tooLarge("body", "the request body is larger than the server's limit: " + e.getMessage());
      case 404 -> ApiException.notFound("path", "no route " + ctx.method() + " " + ModelNames.shorten(ctx.path())
          + "; GET /openapi.json lists the API");
      case 405 -> new ApiException(405, "method_not_allowed", "path", ctx.method() + " is not allowed on "
          + ModelNames.shorten(ctx.path()), null);
      default -> new ApiException(s, s >= 500 ? "internal" : "bad_request", null, e.getMessage(), null);
    };
  }
}
