package dev.glassbox.bench;

import dev.glassbox.bottleneck.BottleneckConfig;
import dev.glassbox.bottleneck.Bottlenecks;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.head.ElasticNetConfig;
import dev.glassbox.head.ElasticNetHeadTrainer;
import dev.glassbox.head.FitReport;
import dev.glassbox.head.HeadData;
import dev.glassbox.head.HeadFit;
import dev.glassbox.io.Json;
import dev.glassbox.io.Npy;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import dev.glassbox.util.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The full elastic-net head path, Glassbox against a PyTorch CPU implementation of the same
 * proximal algorithm ({@code python/head_path_torch.py}), on the same activations in one run.
 *
 * <p>Data: {@code glassbox synth} with C classes and K concepts, about N training items; the
 * standardised cosine activations are computed once and written as .npy for both sides. Each
 * repetition runs Glassbox, then PyTorch with the same strong-rule screening, then plain PyTorch
 * (no screening; optional). Reported: median seconds, validation accuracy and non-zeros of the
 * selected point, and the speed ratios.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx12g -cp ... dev.glassbox.bench.HeadPathBenchmark
 *     [N K C reps path-length plain(true|false) workdir]</pre>
 */
public final class HeadPathBenchmark {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int c = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int pathLength = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    boolean plain = args.length > 5 && Boolean.parseBoolean(args[5]);
    Path work = args.length > 6 ? Files.createDirectories(Path.of(args[6])) : Files.createTempDirectory("glassbox-headbench");
    Path script = Path.of(System.getProperty("glassbox.bench.python", "glassbox-bench/python/head_path_torch.py"));

    int items = (int) Math.round(n / 0.7);
    System.out.printf(Locale.ROOT, "head path: ~%d training items, K=%d concepts, C=%d classes, path length %d, %d repetitions%n",
        n, k, c, pathLength, reps);
    SynthData sd = SynthGenerator.generate(SynthConfig.of(c, k, items, 256, 11));
    Dataset d = sd.dataset();
    int[] tr = d.indices(Split.TRAIN);
    int[] va = d.indices(Split.VALIDATION);
    Bottlenecks.Fitted f = Bottlenecks.fit(sd.concepts(), d.embeddingsOf(tr), BottleneckConfig.defaults(), ProgressListener.NONE);
    FloatMatrix valActs = f.bottleneck().activate(d.embeddingsOf(va), ProgressListener.NONE);
    HeadData hd = new HeadData(f.trainActivations(), d.labelsOf(tr), valActs, d.labelsOf(va), c);
    ElasticNetConfig cfg = ElasticNetConfig.defaults().withPathLength(pathLength);
    Npy.write(work.resolve("train_z.npy"), hd.trainActivations(), NpyDtype.FLOAT32);
    Npy.writeLongs(work.resolve("train_y.npy"), toLong(hd.trainLabels()));
    Npy.write(work.resolve("val_z.npy"), hd.valActivations(), NpyDtype.FLOAT32);
    Npy.writeLongs(work.resolve("val_y.npy"), toLong(hd.valLabels()));
    Files.write(work.resolve("config.json"), Json.bytes(Configs.toMap(cfg)));
    System.out.printf("training items %d, validation items %d; data in %s%n", tr.length, va.length, work);

    double[] gbT = new double[reps];
    double[] ptT = new double[reps];
    double[] plT = new double[reps];
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      HeadFit fit = new ElasticNetHeadTrainer(cfg).fit(hd, ProgressListener.NONE);
      gbT[r] = (System.nanoTime() - t0) / 1e9;
      FitReport s = fit.selectedReport();
      int iters = fit.path().stream().mapToInt(FitReport::iterations).sum();
      System.out.printf(Locale.ROOT, "  rep %d glassbox: %.2f s, val %.4f, non-zeros %d (max/class %d), λ %.5g, %d points, %d iterations%n",
          r, gbT[r], s.valAccuracy(), s.nonZeros(), s.maxNonZerosPerClass(), s.lambda(), fit.path().size(), iters);
      Map<String, Object> pt = runPython(script, work, true);
      ptT[r] = ((Number) pt.get("seconds")).doubleValue();
      System.out.printf(Locale.ROOT, "  rep %d pytorch (same screening): %.2f s, val %.4f, non-zeros %s, %s points, %s iterations%n",
          r, ptT[r], ((Number) pt.get("val_accuracy")).doubleValue(), pt.get("nonzeros"), pt.get("path_points"), pt.get("iterations"));
      if (plain) {
        Map<String, Object> pl = runPython(script, work, false);
        plT[r] = ((Number) pl.get("seconds")).doubleValue();
        System.out.printf(Locale.ROOT, "  rep %d pytorch (plain): %.2f s, val %.4f, non-zeros %s, %s points, %s iterations%n",
            r, plT[r], ((Number) pl.get("val_accuracy")).doubleValue(), pl.get("nonzeros"), pl.get("path_points"), pl.get("iterations"));
      }
    }
    double g = Stats.median(gbT);
    double p = Stats.median(ptT);
    System.out.printf(Locale.ROOT, "median seconds: glassbox %.2f, pytorch-screening %.2f → glassbox is %.2f× faster%n", g, p, p / g);
    if (plain) {
      double q = Stats.median(plT);
      System.out.printf(Locale.ROOT, "median seconds: pytorch-plain %.2f → glassbox is %.2f× faster%n", q, q / g);
    }
  }

  static Map<String, Object> runPython(Path script, Path work, boolean screening) throws Exception {
    List<String> args = new ArrayList<>(List.of("--threads", "2"));
    if (screening) {
      args.add("--screening");
    }
    return Stats.runPython(script, work, args);
  }


  static long[] toLong(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private HeadPathBenchmark() {}
}
