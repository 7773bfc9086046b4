package dev.glassbox.head;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The sparse, readable head of Label-free CBM: multinomial logistic regression with the elastic-net
 * penalty of GLM-SAGA, {@code CE + λα‖W‖₁ + ½λ(1−α)‖W‖²}, solved along a regularisation path
 * from {@code λ_max = max|Zᵀ(Y − Ȳ)|/(nα)} (where the intercept-only model is optimal) down to
 * {@code ε·λ_max}, warm-starting each point from the previous one.
 *
 * <p>Each point is solved by accelerated proximal gradient ({@link MultinomialElasticNet}) on a
 * working set of concepts chosen by the sequential strong rule (Tibshirani et al. 2012: keep
 * concept {@code j} if {@code max_c|∇_cj| ≥ α(2λ − λ_prev)} or it is already in use); the full
 * gradient is then checked against the KKT conditions and violators join the working set until
 * there are none, so the answer is that of the full problem. Where GLM-SAGA uses stochastic
 * (SAGA) steps, this solver uses full-batch steps on the working set: the objective, path and
 * selection are the same.
 *
 * <p>The selected point is the best by validation accuracy (or the sparsest within a tolerance of
 * it), among the points that meet the sparsity budget. The intercept-only first point always
 * meets it, so a selection always exists.
 */
public final class ElasticNetHeadTrainer implements HeadTrainer {
  /** The sign-constraint value that holds a weight at zero. */
  public static final byte FIXED_ZERO = MultinomialElasticNet.FIXED_ZERO;

  private final ElasticNetConfig config;
  private final byte[] signs;

  public ElasticNetHeadTrainer(ElasticNetConfig config) {
    this(config, null);
  }

  /**
   * A trainer whose weights obey sign constraints ({@code [classes × concepts]}, row-major): +1
   * allows only positive weights, −1 only negative, 2 none ({@link #FIXED_ZERO}), 0 either. A language prior (LaBo's idea that a
   * class is described by the concepts proposed for it) becomes: +1 where the class proposed the
   * concept, −1 elsewhere, so a class can count only its own concepts as evidence for it and
   * others' as evidence against.
   */
  public ElasticNetHeadTrainer(ElasticNetConfig config, byte[] signs) {
    this.config = config;
    this.signs = signs == null ? null : signs.clone();
  }

  public ElasticNetConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "elastic-net";
  }

  @Override
  public HeadFit fit(HeadData data, ProgressListener progress) {
    MultinomialElasticNet p = new MultinomialElasticNet(data.trainActivations(), data.trainLabels(), data.numClasses(), signs);
    double alpha = config.alpha();
    MultinomialElasticNet.State state = p.interceptOnly();
    MultinomialElasticNet.Evaluation eval = p.evaluate(state);
    double lambdaMax = 0;
    for (int i = 0; i < eval.gradW().length; i++) {
      lambdaMax = Math.max(lambdaMax, MultinomialElasticNet.pushed(eval.gradW()[i], signs == null ? 0 : signs[i]));
    }
    lambdaMax /= alpha;
    double[] lambdas = lambdas(lambdaMax);

    List<FitReport> reports = new ArrayList<>();
    List<float[]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    double prevLambda = lambdas[0];
    double bestVal = Double.NEGATIVE_INFINITY;
    int sinceBest = 0;
    int infeasibleRun = 0;
    for (int li = 0; li < lambdas.length; li++) {
      double lambda = lambdas[li];
      TreeSet<Integer> work = strongSet(state, eval, p, lambda, prevLambda, alpha);
      int iterations = 0;
      boolean converged = true;
      while (true) {
        int[] active = work.stream().mapToInt(Integer::intValue).toArray();
        MultinomialElasticNet.Solve solve = p.solve(state, active, lambda, alpha, config.tolerance(), config.maxIterations() - iterations);
        iterations += solve.iterations();
        converged = solve.converged();
        eval = p.evaluate(state);
        List<Integer> violators = violators(eval, work, p, lambda * alpha);
        if (violators.isEmpty() || iterations >= config.maxIterations()) {
          converged &= violators.isEmpty();
          break;
        }
        work.addAll(violators);
      }
      double gap = MultinomialElasticNet.kktViolation(state, eval, lambda, alpha, p.c, p.k, signs);
      double objective = eval.loss() + MultinomialElasticNet.penalty(state, lambda, alpha);
      double trainAcc = (double) eval.hits() / p.n;
      double valAcc = data.valLabels().length == 0
          ? Double.NaN
          : (double) p.hits(state, data.valActivations(), data.valLabels()) / data.valLabels().length;
      int[] nzPerClass = nonZerosPerClass(state.w, p.c, p.k);
      int nz = 0;
      int maxNz = 0;
      for (int v : nzPerClass) {
        nz += v;
        maxNz = Math.max(maxNz, v);
      }
      reports.add(new FitReport(lambda, trainAcc, valAcc, nz, maxNz, iterations, converged, gap, objective));
      weights.add(state.w.clone());
      biases.add(state.b.clone());
      progress.progress("regularisation path", li + 1, lambdas.length);
      prevLambda = lambda;

      boolean feasible = config.maxNonZerosPerClass() == 0 || maxNz <= config.maxNonZerosPerClass();
      double score = Double.isNaN(valAcc) ? trainAcc : valAcc;
      infeasibleRun = feasible ? 0 : infeasibleRun + 1;
      if (feasible && score > bestVal + 1e-9) {
        bestVal = score;
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      if (config.maxNonZerosPerClass() > 0 && infeasibleRun >= 3) {
        break;
      }
      if (config.patience() > 0 && sinceBest >= config.patience()) {
        break;
      }
    }
    int selected = select(reports);
    FloatMatrix w = FloatMatrix.wrap(p.c, p.k, weights.get(selected));
    return new HeadFit(new LinearHead(w, biases.get(selected), null), reports, selected, describeSelection());
  }

  private double[] lambdas(double lambdaMax) {
    if (!Double.isNaN(config.lambda())) {
      return new double[] {config.lambda()};
    }
    int k = config.pathLength();
    double[] out = new double[k];
    for (int i = 0; i < k; i++) {
      out[i] = k == 1 ? lambdaMax : lambdaMax * Math.pow(config.epsilon(), (double) i / (k - 1));
    }
    return out;
  }

  /** Concepts already in use, plus those the sequential strong rule keeps for the new λ. */
  private static TreeSet<Integer> strongSet(
      MultinomialElasticNet.State s, MultinomialElasticNet.Evaluation e, MultinomialElasticNet p,
      double lambda, double prevLambda, double alpha) {
    TreeSet<Integer> set = new TreeSet<>();
    double cut = alpha * (2 * lambda - prevLambda);
    for (int j = 0; j < p.k; j++) {
      for (int cl = 0; cl < p.c; cl++) {
        int i = cl * p.k + j;
        if (s.w[i] != 0f || MultinomialElasticNet.pushed(e.gradW()[i], p.signs == null ? 0 : p.signs[i]) >= cut) {
          set.add(j);
          break;
        }
      }
    }
    return set;
  }

  /** Concepts outside the working set whose zero weights violate the KKT conditions. */
  private static List<Integer> violators(MultinomialElasticNet.Evaluation e, TreeSet<Integer> work, MultinomialElasticNet p, double l1) {
    List<Integer> out = new ArrayList<>();
    // A little slack so float rounding on an exactly-optimal zero does not count as a violation.
    double cut = l1 * (1 + 1e-6) + 1e-7;
    for (int j = 0; j < p.k; j++) {
      if (work.contains(j)) {
        continue;
      }
      for (int cl = 0; cl < p.c; cl++) {
        int i = cl * p.k + j;
        if (MultinomialElasticNet.pushed(e.gradW()[i], p.signs == null ? 0 : p.signs[i]) > cut) {
          out.add(j);
          break;
        }
      }
    }
    return out;
  }

  static int[] nonZerosPerClass(float[] w, int c, int k) {
    int[] out = new int[c];
    for (int cl = 0; cl < c; cl++) {
      for (int j = 0; j < k; j++) {
        if (w[cl * k + j] != 0f) {
          out[cl]++;
        }
      }
    }
    return out;
  }

  private int select(List<FitReport> reports) {
    int budget = config.maxNonZerosPerClass();
    double best = Double.NEGATIVE_INFINITY;
    int bestIdx = 0;
    for (int i = 0; i < reports.size(); i++) {
      FitReport r = reports.get(i);
      if (budget > 0 && r.maxNonZerosPerClass() > budget) {
        continue;
      }
      double s = score(r);
      if (s > best || (s == best && r.nonZeros() < reports.get(bestIdx).nonZeros())) {
        best = s;
        bestIdx = i;
      }
    }
    if (config.selection() == ElasticNetConfig.Selection.BEST_VALIDATION) {
      return bestIdx;
    }
    boolean densest = config.selection() == ElasticNetConfig.Selection.DENSEST_WITHIN;
    int chosen = bestIdx;
    for (int i = 0; i < reports.size(); i++) {
      FitReport r = reports.get(i);
      if (budget > 0 && r.maxNonZerosPerClass() > budget) {
        continue;
      }
      int nz = r.nonZeros();
      int have = reports.get(chosen).nonZeros();
      if (score(r) >= best - config.selectionTolerance() - 1e-12 && (densest ? nz > have : nz < have)) {
        chosen = i;
      }
    }
    return chosen;
  }

  private static double score(FitReport r) {
    return Double.isNaN(r.valAccuracy()) ? r.trainAccuracy() : r.valAccuracy();
  }

  private String describeSelection() {
    String budget = config.maxNonZerosPerClass() > 0 ? ", at most " + config.maxNonZerosPerClass() + " non-zeros per class" : "";
    return switch (config.selection()) {
      case BEST_VALIDATION -> "best validation accuracy" + budget;
      case SPARSEST_WITHIN -> "sparsest within " + (config.selectionTolerance() * 100) + " points of the best validation accuracy" + budget;
      case DENSEST_WITHIN -> "densest within " + (config.selectionTolerance() * 100) + " points of the best validation accuracy" + budget;
    };
  }
}
