package dev.glassbox.bench;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.io.Json;
import dev.glassbox.io.Npy;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.math.AdamUpdate;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.methods.dncbm.SaeTrainingStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Discover-then-Name's sparse-autoencoder training step, Glassbox ({@link SaeTrainingStep}: five
 * BLAS products, two fused elementwise passes, fused Adam) against PyTorch's autograd step
 * ({@code python/sae_step_torch.py}), side by side in one run on the same weights and batch.
 *
 * <p>First both sides take one step from identical weights and the results are compared (the
 * timed code is checked against the reference before it is timed). Then each repetition times
 * {@code steps} Glassbox steps and {@code steps} PyTorch steps (after warm-up) and reports the
 * median seconds per step of each and their ratio; the summary is the median over repetitions.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx6g -cp ... dev.glassbox.bench.SaeStepBenchmark
 *     [dim expansion batch steps reps workdir [--foreach] [--torch-threads=N]]</pre>
 */
public final class SaeStepBenchmark {
  public static void main(String[] args) throws Exception {
    int d = args.length > 0 ? Integer.parseInt(args[0]) : 512;
    int expansion = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int reps = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    Path work = args.length > 5 ? Files.createDirectories(Path.of(args[5])) : Files.createTempDirectory("glassbox-saebench");
    boolean foreach = Arrays.asList(args).contains("--foreach");
    String torchThreads = Arrays.stream(args).filter(a -> a.startsWith("--torch-threads=")).map(a -> a.substring(16)).findFirst().orElse("2");
    Path script = Path.of(System.getProperty("glassbox.bench.python", "glassbox-bench/python/sae_step_torch.py"));
    int m = d * expansion;
    double l1 = 3e-5;
    double lr = 5e-4;
    System.out.printf(Locale.ROOT, "SAE step: dim %d, %d atoms, batch %d; %d steps × %d repetitions; BLAS %s; PyTorch threads %s%s%n",
        d, m, batch, steps, reps, Kernels.blasImplementation(), torchThreads, foreach ? ", foreach Adam" : "");

    SplittableRandom r = new SplittableRandom(2024);
    float[] x = new float[batch * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
    }
    AdamUpdate adam = AdamUpdate.of(lr);
    long initSeed = r.nextLong();
    SaeTrainingStep st = new SaeTrainingStep(d, m, batch, l1, adam, new SplittableRandom(initSeed));
    SparseAutoencoderBottleneck start = st.bottleneck();
    Npy.write(work.resolve("x.npy"), FloatMatrix.wrap(batch, d, x), NpyDtype.FLOAT32);
    Npy.write(work.resolve("we.npy"), start.encoder(), NpyDtype.FLOAT32);
    Npy.write(work.resolve("be.npy"), FloatMatrix.wrap(1, m, start.encoderBias()), NpyDtype.FLOAT32);
    Npy.write(work.resolve("dec.npy"), start.decoder(), NpyDtype.FLOAT32);
    Npy.write(work.resolve("bd.npy"), FloatMatrix.wrap(1, d, start.preBias()), NpyDtype.FLOAT32);
    Files.write(work.resolve("config.json"), Json.bytes(Map.of("l1", l1, "lr", lr)));

    // Check: one step on both sides from the same weights.
    double loss = st.step(x, 0, batch);
    Map<String, Object> ref = Stats.runPython(script, work, List.of("--check", "--threads", torchThreads));
    SparseAutoencoderBottleneck after = st.bottleneck();
    float[] refWe = Npy.readMatrix(work.resolve("after_we.npy")).data();
    System.out.printf(Locale.ROOT, "check: loss %.6f vs %.6f; max |Δ| after one step: encoder %.2e, encoder bias %.2e, decoder %.2e, pre-bias %.2e%n",
        loss, ((Number) ref.get("loss")).doubleValue(),
        maxDiff(after.encoder().data(), refWe),
        maxDiff(after.encoderBias(), Npy.readMatrix(work.resolve("after_be.npy")).data()),
        maxDiff(after.decoder().data(), Npy.readMatrix(work.resolve("after_dec.npy")).data()),
        maxDiff(after.preBias(), Npy.readMatrix(work.resolve("after_bd.npy")).data()));
    // Adam's first step is lr·g/(|g| + ε): where a gradient is within rounding of zero (atoms that
    // barely fire) the two sides may step differently, so count how many encoder weights differ.
    int off = 0;
    for (int i = 0; i < refWe.length; i++) {
      if (Math.abs(after.encoder().data()[i] - refWe[i]) > 1e-6) {
        off++;
      }
    }
    System.out.printf(Locale.ROOT, "check: %d of %d encoder weights differ by more than 1e-6 (learning rate %.0e)%n", off, refWe.length, lr);

    double[] gb = new double[reps];
    double[] pt = new double[reps];
    double[] ratio = new double[reps];
    for (int rep = 0; rep < reps; rep++) {
      for (int w = 0; w < 2; w++) {
        st.step(x, 0, batch);
      }
      double[] t = new double[steps];
      for (int i = 0; i < steps; i++) {
        long t0 = System.nanoTime();
        st.step(x, 0, batch);
        t[i] = (System.nanoTime() - t0) / 1e9;
      }
      gb[rep] = Stats.median(t);
      List<String> pa = new ArrayList<>(List.of("--steps", Integer.toString(steps), "--warmup", "2", "--threads", torchThreads));
      if (foreach) {
        pa.add("--foreach");
      }
      @SuppressWarnings("unchecked")
      List<Number> ps = (List<Number>) Stats.runPython(script, work, pa).get("seconds");
      pt[rep] = Stats.median(ps.stream().mapToDouble(Number::doubleValue).toArray());
      ratio[rep] = gb[rep] / pt[rep];
      double gflop = 5.0 * 2 * batch * (double) m * d / 1e9;
      System.out.printf(Locale.ROOT, "  rep %d: glassbox %.4f s/step (%.0f GFLOPS in the products), pytorch %.4f s/step → ratio %.3f%n",
          rep, gb[rep], gflop / gb[rep], pt[rep], ratio[rep]);
    }
    System.out.printf(Locale.ROOT, "median s/step: glassbox %.4f, pytorch %.4f; median ratio glassbox/pytorch %.3f (target ≤ 0.8)%n",
        Stats.median(gb), Stats.median(pt), Stats.median(ratio));
  }

  static double maxDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalStateException("shapes differ: " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }



  private SaeStepBenchmark() {}
}
