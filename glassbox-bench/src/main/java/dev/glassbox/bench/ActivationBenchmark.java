package dev.glassbox.bench;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.Standardization;
import dev.glassbox.progress.ProgressListener;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Concept activation throughput against plain OpenBLAS sgemm of the same size, in one run.
 *
 * <p>Glassbox computes standardised cosine activations {@code (cos(x, t_k) − μ_k)/σ_k} for every
 * item and concept through {@link ProjectionBottleneck} (its public path, writing into a
 * preallocated matrix); the reference is one {@code sgemm} of the raw {@code X·Tᵀ} through the same
 * BLAS into a preallocated buffer. Both are timed alternately, several times; the report gives
 * each side's median GFLOPS ({@code 2·N·D·K / time}) and their ratio. Before timing, sampled rows
 * of the Glassbox result are checked against a scalar double-precision computation.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx6g -cp ... dev.glassbox.bench.ActivationBenchmark [N D K reps]</pre>
 */
public final class ActivationBenchmark {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 768;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    System.out.printf(Locale.ROOT, "concept activation: N=%d D=%d K=%d, BLAS %s, %d repetitions%n", n, d, k, Kernels.blasImplementation(), reps);
    FloatMatrix x = random(n, d, 1);
    FloatMatrix t = random(k, d, 2);
    // Realistic standardisation statistics, fitted on a sample as training would.
    FloatMatrix sample = Matrices.cosine(x.rowRange(0, Math.min(n, 2000)), t);
    ProjectionBottleneck b = new ProjectionBottleneck(t, null, Scoring.COSINE, null, Standardization.fit(sample));
    FloatMatrix out = FloatMatrix.zeros(n, k);
    float[] ref = new float[n * k];
    check(b, x, t, sample);

    double flops = 2.0 * n * d * k;
    double[] gb = new double[reps];
    double[] blas = new double[reps];
    for (int r = -1; r < reps; r++) {
      long t0 = System.nanoTime();
      Kernels.gemm(false, true, n, k, d, 1f, x.data(), 0, d, t.data(), 0, d, 0f, ref, 0, k);
      long t1 = System.nanoTime();
      b.activateInto(x, out, ProgressListener.NONE);
      long t2 = System.nanoTime();
      if (r >= 0) {
        blas[r] = flops / (t1 - t0);
        gb[r] = flops / (t2 - t1);
        System.out.printf(Locale.ROOT, "  rep %d: sgemm %.1f GFLOPS (%.3f s), glassbox %.1f GFLOPS (%.3f s)%n",
            r, blas[r], (t1 - t0) / 1e9, gb[r], (t2 - t1) / 1e9);
      }
    }
    double mb = Stats.median(blas);
    double mg = Stats.median(gb);
    System.out.printf(Locale.ROOT, "median: sgemm %.1f GFLOPS, glassbox activation %.1f GFLOPS, ratio %.3f (target ≥ 0.8)%n", mb, mg, mg / mb);
    // Keep the results alive so the work cannot be elided.
    System.out.printf(Locale.ROOT, "checksum %.3f%n", out.get(n - 1, k - 1) + ref[n * k - 1]);
  }

  private static void check(ProjectionBottleneck b, FloatMatrix x, FloatMatrix t, FloatMatrix sampleCos) {
    Standardization s = b.standardization();
    float[] got = new float[t.rows()];
    for (int r : new int[] {0, 1, 777, Math.min(x.rows(), 2000) - 1}) {
      b.activate(x.row(r), 1, got);
      for (int j = 0; j < t.rows(); j += 97) {
        double cos = sampleCos.get(r, j);
        double want = (cos - s.mean()[j]) / s.std()[j];
        if (Math.abs(got[j] - want) > 1e-3 * (1 + Math.abs(want))) {
          throw new AssertionError("activation of row " + r + " concept " + j + " is " + got[j] + ", expected " + want);
        }
      }
    }
    System.out.println("checked sampled activations against a scalar computation: ok");
  }

  static FloatMatrix random(int rows, int cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return FloatMatrix.wrap(rows, cols, v);
  }

  private ActivationBenchmark() {}
}
