package dev.glassbox.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encoders.image.DecodedImage;
import dev.glassbox.encoders.image.ImageDecoder;
import dev.glassbox.io.ModelStore;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Provenance;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.server.GlassboxServer;
import dev.glassbox.server.ServerConfig;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import dev.glassbox.world.PngEncoder;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on the REST API over loopback with {@code wrk} (Debian package), reported, never asserted:
 *
 * <ol>
 *   <li>explain-from-embedding on a 200-class, 2,000-concept synthetic model: requests per second,
 *       latency percentiles and errors (targets: ≥ 2,000 requests/s, p99 ≤ 10 ms, no errors);
 *   <li>predict-from-image through the concept world's image tower (the encoder of the demo's
 *       model, found by the server through its provider) against the same encoder's raw throughput — decoding and encoding the same PNGs, one image per call as
 *       the server does, on one thread or on as many threads as the server computes with, whichever
 *       is faster — as a ratio (target ≥ 0.9).
 * </ol>
 *
 * <p>Arguments: work directory, seconds per run, repetitions, wrk connection counts
 * (comma-separated; the image runs use the last), and optionally {@code image} to run the image
 * part only. Beside each image run it prints how many cores the JVM (server and encoder) kept busy
 * and the CPU time per request against the encoder's alone per image. Both sides are warmed up until
 * the JIT stops compiling.
 * Each figure is the median over the repetitions; the load average is printed before and after.
 */
public final class ServerLoadBenchmark {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PCT = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

  private ServerLoadBenchmark() {}

  /** One wrk run's figures. */
  record Run(double rps, double p50ms, double p90ms, double p99ms, long requests, long errors) {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/glassbox-serverbench");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int[] connectionCounts = java.util.Arrays.stream((args.length > 3 ? args[3] : "2,8").split(",")).mapToInt(Integer::parseInt).toArray();
    int connections = connectionCounts[connectionCounts.length - 1];
    boolean imageOnly = args.length > 4 && args[4].equals("image");
    Files.createDirectories(work);
    AtomicLong ignored = new AtomicLong();
    System.out.println("load average before: " + loadAverage());

    // 1. Explain from an embedding: 200 classes × 2,000 concepts.
    Path models = Files.createDirectories(work.resolve("models"));
    SynthData big = SynthGenerator.generate(SynthConfig.of(200, 2000, 2000, 512, 7));
    long t0 = System.nanoTime();
    TrainResult r = CbmMethods.train("sparse", new TrainingInput(big.dataset(), big.concepts(), 7),
        Map.of("lambda", "0.002", "max-per-class", "40", "dense-baseline", "false"), ProgressListener.NONE);
    System.out.printf(Locale.ROOT, "trained the 200 × 2000 model in %.1f s: %d non-zero weights%n", (System.nanoTime() - t0) / 1e9,
        r.model().head().nonZeros());
    replace(models.resolve("big").resolve("1"));
    ModelStore.save(r.model(), models.resolve("big").resolve("1"), false);
    Path bodies = Files.createDirectories(work.resolve("explain-bodies"));
    int nBodies = 16;
    float[] x = new float[big.dataset().dim()];
    for (int i = 0; i < nBodies; i++) {
      big.dataset().embeddings().readRows(i, 1, x, 0);
      StringBuilder sb = new StringBuilder("{\"embedding\":[");
      for (int d = 0; d < x.length; d++) {
        sb.append(d == 0 ? "" : ",").append(x[d]);
      }
      Files.writeString(bodies.resolve("body-" + (i + 1)), sb.append("]}"));
    }
    Path lua = work.resolve("post.lua");
    Files.writeString(lua, """
        local requests = {}
        local i = 0
        function init(args)
          for k = 1, tonumber(args[2]) do
            local f = io.open(args[1] .. "/body-" .. k, "rb")
            local body = f:read("*a")
            f:close()
            -- Formatted once here, not per request: the load generator should cost as little CPU as it can.
            requests[k] = wrk.format("POST", nil, {["Content-Type"] = args[3]}, body)
          end
        end
        function request()
          i = (i % #requests) + 1
          return requests[i]
        end
        """);

    // 2. Image requests: a small model over the concept world's image tower (found by the server
    // through its encoder provider, as for the demo's model).
    ImageDecoder decoder = new ImageDecoder();
    World world = World.generate(WorldConfig.defaults().withSpecies(4).withImagesPerSpecies(4));
    Path images = Files.createDirectories(work.resolve("image-bodies"));
    int nImages = 8;
    List<byte[]> pngs = new ArrayList<>();
    for (int i = 0; i < nImages; i++) {
      byte[] png = PngEncoder.rgb(world.render(i).image());
      pngs.add(png);
      Files.write(images.resolve("body-" + (i + 1)), png);
    }
    try (dev.glassbox.world.tower.WorldImageEncoder enc = dev.glassbox.world.tower.WorldImageEncoder.load()) {
      EncoderIdentity id = enc.identity();
      SynthData small = SynthGenerator.generate(SynthConfig.of(10, 50, 300, id.dim(), 3));
      ConceptBottleneckModel m = CbmMethods.train("sparse", new TrainingInput(small.dataset(), small.concepts(), 3),
          Map.of("dense-baseline", "false"), ProgressListener.NONE).model();
      Provenance p = m.provenance();
      m = m.withProvenance(new Provenance(p.glassboxVersion(), p.glassboxCommit(), p.java(), p.os(), p.createdAt(), p.method(), p.config(),
          p.seed(), p.datasetFingerprint(), p.conceptSetHash(), id, p.edits(), p.metrics()));
      replace(models.resolve("img").resolve("1"));
      ModelStore.save(m, models.resolve("img").resolve("1"), false);

      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      ServerConfig cfg = ServerConfig.defaults(models).withPort(0).withQueue(1024).withReloadInterval(Duration.ZERO);
      try (GlassboxServer server = GlassboxServer.start(cfg)) {
        String explainUrl = server.uri() + "v1/models/big/explain";
        String imageUrl = server.uri() + "v1/models/img/predict";
        System.out.println("server " + server.uri() + " computing on " + cfg.threads() + " threads");

        Map<Integer, List<Run>> explainByConnections = new java.util.LinkedHashMap<>();
        if (!imageOnly) {
          warmUp("explain requests", secs -> wrk(lua, bodies, nBodies, "application/json", explainUrl, secs, connections));
        }
        for (int conn : imageOnly ? new int[0] : connectionCounts) {
          List<Run> explain = new ArrayList<>();
          for (int k = 0; k < repeats; k++) {
            Run run = wrk(lua, bodies, nBodies, "application/json", explainUrl, seconds, conn);
            explain.add(run);
            System.out.printf(Locale.ROOT, "explain, %d connections, run %d: %.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                + "%d requests, %d errors (load %s)%n", conn, k + 1, run.rps(), run.p50ms(), run.p90ms(), run.p99ms(), run.requests(),
                run.errors(), loadAverage());
          }
          explainByConnections.put(conn, explain);
        }

        // Raw encoder throughput: decode + encode the same PNGs on as many threads as the server computes with.
        // Warm-up of both sides until the JIT has finished compiling what they run (under full load its
        // compiler threads get little CPU, and a first run measured before they are done was 10-20%
        // slower than the next: the server's image path has more code to compile than the encoder's loop).
        warmUp("encoder alone", secs -> rawEncode(enc, decoder, pngs, threads, secs, ignored));
        warmUp("image requests", secs -> wrk(lua, images, nImages, "image/png", imageUrl, secs, connections));
        double[] raw = new double[repeats];
        double[] served = new double[repeats];
        double[] rawCpuPerImage = new double[repeats];
        double[] servedCpuPerRequest = new double[repeats];
        List<Run> imageRuns = new ArrayList<>();
        for (int k = 0; k < repeats; k++) {
          // The encoder's best over one caller, as many callers as the server computes with, and as many
          // as wrk's connections (on a shared machine more threads also get a larger share of the CPU).
          double one = rawEncode(enc, decoder, pngs, 1, seconds, ignored);
          long rawCpu0 = processCpuNanos();
          long rawWall0 = System.nanoTime();
          double many = rawEncode(enc, decoder, pngs, threads, seconds, ignored);
          rawCpuPerImage[k] = (processCpuNanos() - rawCpu0) / 1e3 / (many * (System.nanoTime() - rawWall0) / 1e9);
          raw[k] = Math.max(one, Math.max(many, rawEncode(enc, decoder, pngs, connections, seconds, ignored)));
          long cpu0 = processCpuNanos();
          long wall0 = System.nanoTime();
          Run run = wrk(lua, images, nImages, "image/png", imageUrl, seconds, connections);
          double cores = (processCpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
          servedCpuPerRequest[k] = cores * 1e6 / run.rps();
          imageRuns.add(run);
          served[k] = run.rps();
          System.out.printf(Locale.ROOT, "image run %d: encoder alone %.1f images/s, through the server %.1f req/s (ratio %.3f), "
              + "p50 %.1f ms, p99 %.1f ms, %d errors; the JVM kept %.2f cores busy, %.0f µs of CPU per request (encoder alone on %d "
              + "threads: %.0f µs per image)%n", k + 1, raw[k], served[k], served[k] / raw[k], run.p50ms(), run.p99ms(), run.errors(), cores,
              servedCpuPerRequest[k], threads, rawCpuPerImage[k]);
        }
        System.out.println();
        for (Map.Entry<Integer, List<Run>> e : explainByConnections.entrySet()) {
          List<Run> explain = e.getValue();
          System.out.printf(Locale.ROOT, "EXPLAIN 200x2000 (median of %d × %d s, %d connections): %.0f req/s, p50 %.2f ms, p90 %.2f ms, "
              + "p99 %.2f ms, errors %d%n", repeats, seconds, e.getKey(), Stats.median(col(explain, Run::rps)),
              Stats.median(col(explain, Run::p50ms)), Stats.median(col(explain, Run::p90ms)), Stats.median(col(explain, Run::p99ms)),
              explain.stream().mapToLong(Run::errors).sum());
        }
        double[] ratio = new double[repeats];
        for (int k = 0; k < repeats; k++) {
          ratio[k] = served[k] / raw[k];
        }
        System.out.printf(Locale.ROOT, "IMAGE (world image tower, %d threads): encoder alone %.1f images/s, server %.1f req/s, ratio %.3f "
            + "(per run %s), errors %d; CPU per request %.0f µs against %.0f µs per image for the encoder alone (ratio %.3f)%n", threads,
            Stats.median(raw), Stats.median(served), Stats.median(ratio), Stats.fmt(ratio), imageRuns.stream().mapToLong(Run::errors).sum(),
            Stats.median(servedCpuPerRequest), Stats.median(rawCpuPerImage), Stats.median(rawCpuPerImage) / Stats.median(servedCpuPerRequest));
      }
    }
    System.out.println("load average after: " + loadAverage());
  }

  private interface Field {
    double of(Run r);
  }

  private static double[] col(List<Run> runs, Field f) {
    double[] out = new double[runs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.of(runs.get(i));
    }
    return out;
  }

  private static void replace(Path dir) throws IOException {
    dev.glassbox.io.AtomicFiles.deleteTree(dir);
  }

  /** A load run for a number of seconds. */
  private interface Load {
    void run(int seconds) throws Exception;
  }

  /** Seconds per warm-up round. */
  private static final int WARM_UP_ROUND = 5;

  /**
   * Runs a load in {@link #WARM_UP_ROUND}-second rounds until a round adds less than 20 ms of JIT
   * compilation, or 12 rounds have run (reported either way).
   */
  static void warmUp(String what, Load load) throws Exception {
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    long before = jit.getTotalCompilationTime();
    for (int round = 1; round <= 12; round++) {
      load.run(WARM_UP_ROUND);
      long now = jit.getTotalCompilationTime();
      if (now - before < 20) {
        System.out.printf(Locale.ROOT, "warm-up of %s: %d rounds of %d s; the last compiled for %d ms%n", what, round, WARM_UP_ROUND,
            now - before);
        return;
      }
      before = now;
    }
    System.out.printf(Locale.ROOT, "warm-up of %s: stopped after 12 rounds with the JIT still compiling%n", what);
  }

  /** Images per second that {@code threads} threads decode and encode, one image per call, as the server does. */
  static double rawEncode(dev.glassbox.encode.ImageEncoder enc, ImageDecoder decoder, List<byte[]> pngs, int threads, int seconds,
      AtomicLong sink)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> ts = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread th = new Thread(() -> {
        int i = offset;
        while (System.nanoTime() < end) {
          try {
            DecodedImage im = decoder.decode(pngs.get(i++ % pngs.size()), "bench");
            sink.addAndGet(Float.floatToRawIntBits(enc.encode(List.of(im.toRgbImage())).data()[0]) & 1);
            done.incrementAndGet();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }
      });
      th.start();
      ts.add(th);
    }
    for (Thread th : ts) {
      th.join();
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  static Run wrk(Path lua, Path bodies, int n, String type, String url, int seconds, int connections) throws IOException, InterruptedException {
    List<String> cmd = List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", "-s", lua.toString(), url, "--",
        bodies.toString(), Integer.toString(n), type);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    Matcher m = RPS.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("cannot read wrk's output: " + out);
    }
    double rps = Double.parseDouble(m.group(1));
    double[] pct = new double[4];
    Matcher pm = PCT.matcher(out);
    while (pm.find()) {
      double v = Double.parseDouble(pm.group(2));
      double ms = switch (pm.group(3)) {
        case "us" -> v / 1000;
        case "s" -> v * 1000;
        default -> v;
      };
      int slot = switch (pm.group(1)) {
        case "50" -> 0;
        case "75" -> 1;
        case "90" -> 2;
        default -> 3;
      };
      pct[slot] = ms;
    }
    long errors = 0;
    Matcher nm = NON2XX.matcher(out);
    if (nm.find()) {
      errors += Long.parseLong(nm.group(1));
    }
    Matcher sm = SOCKET.matcher(out);
    if (sm.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(sm.group(g));
      }
    }
    Matcher tm = TOTAL.matcher(out);
    long total = tm.find() ? Long.parseLong(tm.group(1)) : 0;
    return new Run(rps, pct[0], pct[2], pct[3], total, errors);
  }



  /** CPU time of this JVM, all threads. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
