package dev.glassbox.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics, rendered in the text exposition format (version 0.0.4):
 * request counts and latency histograms per method, route and status; requests in flight; the
 * queue depth; rejected requests; model loads. Lock-free on the request path (adders per series).
 */
final class Metrics {
  /** Latency bucket upper bounds in seconds. */
  static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private record Key(String method, String route, int status) {}

  private static final class Series {
    final LongAdder count = new LongAdder();
    final LongAdder sumNanos = new LongAdder();
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];

    Series() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }

  private final ConcurrentHashMap<Key, Series> series = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder loadsOk = new LongAdder();
  private final LongAdder loadsFailed = new LongAdder();
  private volatile IntSupplier queueDepth = () -> 0;
  private volatile IntSupplier modelsLoaded = () -> 0;

  void queueDepth(IntSupplier s) {
    queueDepth = s;
  }

  void modelsLoaded(IntSupplier s) {
    modelsLoaded = s;
  }

  void observe(String method, String route, int status, long nanos) {
    Series s = series.computeIfAbsent(new Key(method, route, status), k -> new Series());
    s.count.increment();
    s.sumNanos.add(nanos);
    double sec = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (sec <= BUCKETS[i]) {
        s.buckets[i].increment();
        break;
      }
    }
  }

  void enter() {
    inFlight.incrementAndGet();
  }

  void exit() {
    inFlight.decrementAndGet();
  }

  int inFlight() {
    return inFlight.get();
  }

  void rejected() {
    rejected.increment();
  }

  void modelLoaded(boolean ok) {
    (ok ? loadsOk : loadsFailed).increment();
  }

  /** The exposition text. */
  String render() {
    StringBuilder sb = new StringBuilder(4096);
    List<Map.Entry<Key, Series>> all = new ArrayList<>(series.entrySet());
    all.sort(Comparator.comparing((Map.Entry<Key, Series> e) -> e.getKey().route())
        .thenComparing(e -> e.getKey().method()).thenComparingInt(e -> e.getKey().status()));
    sb.append("# HELP glassbox_http_requests_total HTTP requests by method, route and status.\n");
    sb.append("# TYPE glassbox_http_requests_total counter\n");
    for (var e : all) {
      sb.append("glassbox_http_requests_total").append(labels(e.getKey(), null)).append(' ').append(e.getValue().count.sum()).append('\n');
    }
    sb.append("# HELP glassbox_http_request_duration_seconds Time from request to response, by method, route and status.\n");
    sb.append("# TYPE glassbox_http_request_duration_seconds histogram\n");
    for (var e : all) {
      Series s = e.getValue();
      long cum = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cum += s.buckets[i].sum();
        sb.append("glassbox_http_request_duration_seconds_bucket").append(labels(e.getKey(), fmt(BUCKETS[i]))).append(' ').append(cum)
            .append('\n');
      }
      long count = s.count.sum();
      sb.append("glassbox_http_request_duration_seconds_bucket").append(labels(e.getKey(), "+Inf")).append(' ').append(count).append('\n');
      sb.append("glassbox_http_request_duration_seconds_sum").append(labels(e.getKey(), null)).append(' ')
          .append(fmt(s.sumNanos.sum() / 1e9)).append('\n');
      sb.append("glassbox_http_request_duration_seconds_count").append(labels(e.getKey(), null)).append(' ').append(count).append('\n');
    }
    gauge(sb, "glassbox_http_requests_in_flight", "API requests being handled now.", inFlight.get());
    gauge(sb, "glassbox_http_queue_depth", "Requests waiting for a computing slot.", queueDepth.getAsInt());
    sb.append("# HELP glassbox_http_rejected_total Requests refused with 503 because the queue was full or timed out.\n");
    sb.append("# TYPE glassbox_http_rejected_total counter\n");
    sb.append("glassbox_http_rejected_total ").append(rejected.sum()).append('\n');
    sb.append("# HELP glassbox_model_loads_total Model versions loaded from the models directory, by result.\n");
    sb.append("# TYPE glassbox_model_loads_total counter\n");
    sb.append("glassbox_model_loads_total{result=\"ok\"} ").append(loadsOk.sum()).append('\n');
    sb.append("glassbox_model_loads_total{result=\"error\"} ").append(loadsFailed.sum()).append('\n');
    gauge(sb, "glassbox_models_loaded", "Models being served.", modelsLoaded.getAsInt());
    return sb.toString();
  }

  private static void gauge(StringBuilder sb, String name, String help, long value) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(" gauge\n");
    sb.append(name).append(' ').append(value).append('\n');
  }

  private static String labels(Key k, String le) {
    StringBuilder sb = new StringBuilder("{method=\"").append(k.method()).append("\",route=\"").append(escape(k.route()))
        .append("\",status=\"").append(k.status()).append('"');
    if (le != null) {
      sb.append(",le=\"").append(le).append('"');
    }
    return sb.append('}').toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }
}
