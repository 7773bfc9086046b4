package dev.glassbox.head;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Dense multinomial logistic regression with an L2 penalty {@code ½λ‖W‖²}, its strength chosen
 * on validation from a descending grid (warm-started). This is the "what sparsity costs" baseline
 * reported beside every sparse head: the same activations, no sparsity.
 */
public final class LogisticRegressionTrainer implements HeadTrainer {
  /** Default grid: 1e-1 down to 1e-6, one value per decade. */
  public static final double[] DEFAULT_GRID = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};

  private final double[] grid;
  private final double tolerance;
  private final int maxIterations;

  /**
   * @param grid L2 strengths to try, each > 0, tried in the given order with warm starts
   * @param tolerance convergence threshold on the proximal gradient mapping, > 0
   * @param maxIterations solver iterations per grid value, ≥ 1
   */
  public LogisticRegressionTrainer(double[] grid, double tolerance, int maxIterations) {
    if (grid.length == 0) {
      throw new IllegalArgumentException("the L2 grid is empty");
    }
    for (double g : grid) {
      ElasticNetConfig.check(g > 0, "L2 strength", "> 0", g);
    }
    ElasticNetConfig.check(tolerance > 0, "tolerance", "> 0", tolerance);
    ElasticNetConfig.check(maxIterations >= 1, "maxIterations", "≥ 1", maxIterations);
    this.grid = grid.clone();
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  public static LogisticRegressionTrainer defaults() {
    return new LogisticRegressionTrainer(DEFAULT_GRID, 1e-4, 2000);
  }

  /** The default grid with the given solver settings (for {@link #session} users, who choose their own strengths). */
  public static LogisticRegressionTrainer withSolver(double tolerance, int maxIterations) {
    return new LogisticRegressionTrainer(DEFAULT_GRID, tolerance, maxIterations);
  }

  @Override
  public String name() {
    return "logistic-l2";
  }

  @Override
  public HeadFit fit(HeadData data, ProgressListener progress) {
    MultinomialElasticNet p = new MultinomialElasticNet(data.trainActivations(), data.trainLabels(), data.numClasses());
    MultinomialElasticNet.State state = p.interceptOnly();
    int[] all = new int[p.k];
    for (int j = 0; j < p.k; j++) {
      all[j] = j;
    }
    List<FitReport> reports = new ArrayList<>();
    List<MultinomialElasticNet.State> states = new ArrayList<>();
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < grid.length; i++) {
      MultinomialElasticNet.Solve s = p.solve(state, all, grid[i], 0.0, tolerance, maxIterations);
      MultinomialElasticNet.Evaluation e = p.evaluate(state);
      double trainAcc = (double) e.hits() / p.n;
      double valAcc = data.valLabels().length == 0
          ? Double.NaN
          : (double) p.hits(state, data.valActivations(), data.valLabels()) / data.valLabels().length;
      int[] nz = ElasticNetHeadTrainer.nonZerosPerClass(state.w, p.c, p.k);
      int total = 0;
      int max = 0;
      for (int v : nz) {
        total += v;
        max = Math.max(max, v);
      }
      double gap = MultinomialElasticNet.kktViolation(state, e, grid[i], 0.0, p.c, p.k);
      reports.add(new FitReport(grid[i], trainAcc, valAcc, total, max, s.iterations(), s.converged(), gap,
          e.loss() + MultinomialElasticNet.penalty(state, grid[i], 0.0)));
      states.add(state.copy());
      double score = Double.isNaN(valAcc) ? trainAcc : valAcc;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
      progress.progress("L2 grid", i + 1, grid.length);
    }
    MultinomialElasticNet.State s = states.get(best);
    return new HeadFit(new LinearHead(FloatMatrix.wrap(p.c, p.k, s.w), s.b, null), reports, best, "best validation accuracy over the L2 grid");
  }

  /**
   * A session over one training set that fits at any L2 strength on request, for searches that
   * choose the next strength from the last result (the linear probe's binary search). Each fit is
   * warm-started from the solved strength nearest in log scale (the intercept-only model for the
   * first), so the same sequence of requests gives the same heads. Not thread-safe.
   */
  public Session session(HeadData data) {
    return new Session(data);
  }

  /** One fitted strength: the head and its report. */
  public record Point(LinearHead head, FitReport report) {}

  /** See {@link #session(HeadData)}. */
  public final class Session {
    private final HeadData data;
    private final MultinomialElasticNet problem;
    private final int[] all;
    private final TreeMap<Double, MultinomialElasticNet.State> solved = new TreeMap<>();

    private Session(HeadData data) {
      this.data = data;
      this.problem = new MultinomialElasticNet(data.trainActivations(), data.trainLabels(), data.numClasses());
      this.all = new int[problem.k];
      for (int j = 0; j < problem.k; j++) {
        all[j] = j;
      }
    }

    /** The head minimising mean cross-entropy + ½λ‖W‖² (bias unpenalised), λ > 0 and finite. */
    public Point fit(double lambda) {
      ElasticNetConfig.check(lambda > 0 && Double.isFinite(lambda), "L2 strength", "> 0 and finite", lambda);
      MultinomialElasticNet p = problem;
      MultinomialElasticNet.State state = nearest(lambda);
      MultinomialElasticNet.Solve s = p.solve(state, all, lambda, 0.0, tolerance, maxIterations);
      MultinomialElasticNet.Evaluation e = p.evaluate(state);
      double trainAcc = (double) e.hits() / p.n;
      double valAcc = data.valLabels().length == 0
          ? Double.NaN
          : (double) p.hits(state, data.valActivations(), data.valLabels()) / data.valLabels().length;
      int[] nz = ElasticNetHeadTrainer.nonZerosPerClass(state.w, p.c, p.k);
      int total = 0;
      int max = 0;
      for (int v : nz) {
        total += v;
        max = Math.max(max, v);
      }
      double gap = MultinomialElasticNet.kktViolation(state, e, lambda, 0.0, p.c, p.k);
      solved.put(lambda, state.copy());
      FitReport r = new FitReport(lambda, trainAcc, valAcc, total, max, s.iterations(), s.converged(), gap,
          e.loss() + MultinomialElasticNet.penalty(state, lambda, 0.0));
      return new Point(new LinearHead(FloatMatrix.wrap(p.c, p.k, state.w.clone()), state.b.clone(), null), r);
    }

    private MultinomialElasticNet.State nearest(double lambda) {
      if (solved.isEmpty()) {
        return problem.interceptOnly();
      }
      Double lo = solved.floorKey(lambda);
      Double hi = solved.ceilingKey(lambda);
      Double pick;
      if (lo == null) {
        pick = hi;
      } else if (hi == null) {
        pick = lo;
      } else {
        // Ties go to the larger strength, whose solution is the smaller (better-conditioned) start.
        pick = Math.log(lambda / lo) < Math.log(hi / lambda) ? lo : hi;
      }
      return solved.get(pick).copy();
    }
  }
}
