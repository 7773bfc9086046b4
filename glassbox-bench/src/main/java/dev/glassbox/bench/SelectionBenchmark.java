package dev.glassbox.bench;

import dev.glassbox.concepts.select.ClassConceptScores;
import dev.glassbox.concepts.select.ConceptSelection;
import dev.glassbox.concepts.select.Greedy;
import dev.glassbox.concepts.select.GreedyResult;
import dev.glassbox.concepts.select.SelectionInput;
import dev.glassbox.concepts.select.SubmodularConfig;
import dev.glassbox.concepts.select.SubmodularFunction;
import dev.glassbox.concepts.select.SubmodularSelector;
import dev.glassbox.math.Kernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Lazy versus plain greedy on LaBo's objective at the scale: 50,000 candidates, 200
 * classes (250 each), a budget of 50 per class, 512-d clustered embeddings. For each profile it
 * first checks that both maximisers pick identical sets for every class, then prints the median of
 * several repetitions of (a) the maximisation alone, over objectives built once, and (b) the whole
 * {@code select} call (scores, objectives and maximisation), and the ratios.
 *
 * <p>Run: {@code java -cp ... dev.glassbox.bench.SelectionBenchmark [classes perClass dim imagesPerClass budget reps betas]},
 * {@code betas} a comma-separated list of coverage weights β (default 0.1, LaBo's CUB full-data
 * value; LaBo's configurations range from 0 to 100).
 */
public final class SelectionBenchmark {
  /** Consumes results so that the JIT cannot drop the timed work. */
  private static double sink;

  private SelectionBenchmark() {}

  public static void main(String[] args) {
    int classes = arg(args, 0, 200);
    int perClass = arg(args, 1, 250);
    int dim = arg(args, 2, 512);
    int imagesPerClass = arg(args, 3, 30);
    int budget = arg(args, 4, 50);
    int reps = arg(args, 5, 9);
    String[] betas = (args.length > 6 ? args[6] : String.valueOf(SubmodularConfig.defaults().beta())).split(",");
    System.out.printf(Locale.ROOT, "LaBo submodular selection: %d candidates, %d classes × %d, budget %d per class, %d-d, %d images; BLAS %s%n",
        classes * perClass, classes, perClass, budget, dim, classes * imagesPerClass, Kernels.blasImplementation());
    long t0 = System.nanoTime();
    SelectionInput input = SelectionWorkload.generate(classes, perClass, dim, imagesPerClass, 2024L);
    System.out.printf(Locale.ROOT, "workload generated in %.2f s%n", secs(System.nanoTime() - t0));
    for (String beta : betas) {
      for (SubmodularConfig.Profile profile : SubmodularConfig.Profile.values()) {
        run(input, profile, Double.parseDouble(beta), budget, reps);
      }
    }
    System.out.printf(Locale.ROOT, "(checksum %.3e)%n", sink);
  }

  private static void run(SelectionInput input, SubmodularConfig.Profile profile, double beta, int budget, int reps) {
    SubmodularConfig cfg = SubmodularConfig.defaults().withProfile(profile).withBeta(beta)
        .withBudget(dev.glassbox.concepts.select.Budget.perClass(budget));
    SubmodularSelector lazySel = new SubmodularSelector(cfg.withOptimizer(Greedy.LAZY));
    SubmodularSelector plainSel = new SubmodularSelector(cfg.withOptimizer(Greedy.PLAIN));
    long t0 = System.nanoTime();
    ClassConceptScores scores = lazySel.scores(input);
    long tScores = System.nanoTime() - t0;
    t0 = System.nanoTime();
    SubmodularSelector.Objectives objectives = lazySel.objectives(input, scores);
    SubmodularFunction[] f = new SubmodularFunction[input.numClasses()];
    for (int y = 0; y < f.length; y++) {
      f[y] = objectives.build(input.groundSet(y));
    }
    long tBuild = System.nanoTime() - t0;

    // Check before timing: identical picks, in the same order, for every class.
    long lazyEvals = 0;
    long plainEvals = 0;
    for (int y = 0; y < f.length; y++) {
      GreedyResult a = Greedy.LAZY.maximize(f[y], budget, null, 0.01);
      GreedyResult b = Greedy.PLAIN.maximize(f[y], budget, null, 0.01);
      if (!Arrays.equals(a.picks(), b.picks())) {
        throw new IllegalStateException("lazy and plain greedy picked different sets for class " + input.classNames().get(y));
      }
      lazyEvals += a.gainEvaluations();
      plainEvals += b.gainEvaluations();
    }
    System.out.printf(Locale.ROOT, "%n[%s profile, β = %s] scores %.3f s, objectives for %d classes %.3f s (shared by both maximisers)%n",
        profile, beta, secs(tScores), f.length, secs(tBuild));
    System.out.printf(Locale.ROOT, "  identical picks for all %d classes; gain evaluations: lazy %d, plain %d (%.1f× fewer)%n",
        f.length, lazyEvals, plainEvals, (double) plainEvals / lazyEvals);

    // Lazy and plain runs alternate, so that load from other processes on the machine falls on
    // both alike; thread CPU time is reported beside wall time for the same reason (the
    // maximisation is single-threaded Java).
    double[][] m = interleaved(reps,
        () -> sink += maximizeAll(f, Greedy.LAZY, budget),
        () -> sink += maximizeAll(f, Greedy.PLAIN, budget));
    System.out.printf(Locale.ROOT,
        "  maximisation only (%d reps each): lazy median %.1f ms wall / %.1f ms cpu, plain median %.1f ms wall / %.1f ms cpu; "
            + "ratio %.1f× wall, %.1f× cpu%n",
        reps, m[0][0] * 1e3, m[0][1] * 1e3, m[1][0] * 1e3, m[1][1] * 1e3, m[1][0] / m[0][0], m[1][1] / m[0][1]);

    // As select() runs: each class's maximisation right after its objective is built, so the
    // benefit matrix is still in cache (above, 200 matrices of 250 KB are built first and each
    // maximisation starts by streaming its matrix from memory).
    double[][] h = new double[2][reps];
    for (int i = 0; i < reps; i++) {
      h[0][i] = secs(maximizeEachAfterBuilding(objectives, input, Greedy.LAZY, budget));
      h[1][i] = secs(maximizeEachAfterBuilding(objectives, input, Greedy.PLAIN, budget));
    }
    System.out.printf(Locale.ROOT,
        "  maximisation right after building each objective (%d reps each, maximisation time only): lazy median %.1f ms, "
            + "plain median %.1f ms; ratio %.1f×%n", reps, median(h[0]) * 1e3, median(h[1]) * 1e3, median(h[1]) / median(h[0]));
    // The floor of lazy greedy here: its first two steps evaluate every item (the first pick's
    // gains, then the refresh after the first pick collapses every bound).
    double[][] two = interleaved(reps, () -> sink += maximizeAll(f, Greedy.LAZY, 2), () -> { });
    System.out.printf(Locale.ROOT, "  lazy greedy's first two steps alone: %.1f ms (plain's full run / this = %.1f×, the ratio's ceiling)%n",
        two[0][0] * 1e3, m[1][0] / two[0][0]);

    int e2eReps = 3;
    ConceptSelection[] last = new ConceptSelection[2];
    double[][] e = interleaved(e2eReps, () -> last[0] = lazySel.select(input), () -> last[1] = plainSel.select(input));
    if (!Arrays.equals(last[0].indices(), last[1].indices())) {
      throw new IllegalStateException("lazy and plain selectors returned different concept sets");
    }
    System.out.printf(Locale.ROOT, "  whole select() (%d reps each): lazy median %.1f ms wall, plain median %.1f ms wall, ratio %.1f×; %d concepts selected%n",
        e2eReps, e[0][0] * 1e3, e[1][0] * 1e3, e[1][0] / e[0][0], last[0].indices().length);
  }

  /** Builds each class's objective and maximises it at once; returns the nanoseconds spent in the maximisations alone. */
  private static long maximizeEachAfterBuilding(SubmodularSelector.Objectives objectives, SelectionInput input, Greedy g, int budget) {
    long nanos = 0;
    for (int y = 0; y < input.numClasses(); y++) {
      SubmodularFunction fy = objectives.build(input.groundSet(y));
      long t0 = System.nanoTime();
      sink += g.maximize(fy, budget, null, 0.01).value();
      nanos += System.nanoTime() - t0;
    }
    return nanos;
  }

  private static double maximizeAll(SubmodularFunction[] f, Greedy g, int budget) {
    double s = 0;
    for (SubmodularFunction fy : f) {
      s += g.maximize(fy, budget, null, 0.01).value();
    }
    return s;
  }

  /**
   * Runs {@code a} and {@code b} once each to warm up, then alternately {@code reps} times each;
   * returns {@code {{wall, cpu} of a, {wall, cpu} of b}}, medians in seconds.
   */
  private static double[][] interleaved(int reps, Runnable a, Runnable b) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    a.run();
    b.run();
    double[][][] t = new double[2][2][reps];
    for (int i = 0; i < reps; i++) {
      for (int w = 0; w < 2; w++) {
        Runnable body = w == 0 ? a : b;
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        body.run();
        t[w][0][i] = secs(System.nanoTime() - t0);
        t[w][1][i] = secs(mx.getCurrentThreadCpuTime() - c0);
      }
    }
    return new double[][] {{median(t[0][0]), median(t[0][1])}, {median(t[1][0]), median(t[1][1])}};
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }
}
