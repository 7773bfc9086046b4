package dev.glassbox.head;

import java.util.Objects;

/**
 * Settings of the elastic-net multinomial head (the GLM-SAGA objective that Label-free CBM uses):
 * {@code CE(Wa + b, y) + λα‖W‖₁ + ½λ(1−α)‖W‖²}, solved along a regularisation path.
 *
 * @param alpha the L1 share α of the penalty, in (0, 1]. Default 0.99, Label-free CBM's
 *     {@code alpha} for its sparse final layer
 * @param epsilon the path ends at {@code ε·λ_max}, in (0, 1). Default 1e-3, GLM-SAGA's
 *     {@code epsilon}
 * @param pathLength the number of log-spaced λ values from λ_max down, ≥ 1. Default 100,
 *     GLM-SAGA's {@code k}
 * @param tolerance convergence threshold on the largest entry of the proximal gradient mapping
 *     (a bound on the KKT violation), > 0. Default 1e-4, GLM-SAGA's {@code tol}
 * @param maxIterations solver iterations per path point, ≥ 1. Default 2000
 * @param maxNonZerosPerClass sparsity budget: the selected point has at most this many non-zero
 *     weights in any class; 0 for no budget. Default 0
 * @param selection how the path point is chosen. Default {@link Selection#SPARSEST_WITHIN}
 * @param selectionTolerance for SPARSEST_WITHIN, the validation-accuracy loss accepted for a
 *     sparser model, in [0, 1). Default 0.01 (one point)
 * @param patience stop the path after this many points without a better validation accuracy;
 *     0 runs the whole path. Default 10
 * @param lambda a single λ instead of a path (Label-free CBM's {@code k=1} mode, where
 *     λ = {@code lam}/α), or NaN for the path. Default NaN
 */
public record ElasticNetConfig(
    double alpha, double epsilon, int pathLength, double tolerance, int maxIterations,
    int maxNonZerosPerClass, Selection selection, double selectionTolerance, int patience, double lambda) {

  /** How the selected point of the path is chosen. */
  public enum Selection {
    /** The highest validation accuracy (ties: fewer non-zeros). */
    BEST_VALIDATION,
    /** The fewest non-zeros among points within {@code selectionTolerance} of the best validation accuracy. */
    SPARSEST_WITHIN,
    /**
     * The most non-zeros among points within {@code selectionTolerance} of the best validation
     * accuracy (and within the budget): spends the sparsity budget on explanation, so each class is
     * described by as many concepts as the budget allows without losing accuracy.
     */
    DENSEST_WITHIN
  }

  public ElasticNetConfig {
    Objects.requireNonNull(selection, "selection");
    check(alpha > 0 && alpha <= 1, "alpha", "in (0, 1]", alpha);
    check(epsilon > 0 && epsilon < 1, "epsilon", "in (0, 1)", epsilon);
    check(pathLength >= 1, "pathLength", "≥ 1", pathLength);
    check(tolerance > 0, "tolerance", "> 0", tolerance);
    check(maxIterations >= 1, "maxIterations", "≥ 1", maxIterations);
    check(maxNonZerosPerClass >= 0, "maxNonZerosPerClass", "≥ 0", maxNonZerosPerClass);
    check(selectionTolerance >= 0 && selectionTolerance < 1, "selectionTolerance", "in [0, 1)", selectionTolerance);
    check(patience >= 0, "patience", "≥ 0", patience);
    check(Double.isNaN(lambda) || lambda > 0, "lambda", "> 0 (or NaN for a path)", lambda);
  }

  static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("elastic-net " + name + " must be " + range + ", got " + value);
    }
  }

  public static ElasticNetConfig defaults() {
    return new ElasticNetConfig(0.99, 1e-3, 100, 1e-4, 2000, 0, Selection.SPARSEST_WITHIN, 0.01, 10, Double.NaN);
  }

  public ElasticNetConfig withAlpha(double v) {
    return new ElasticNetConfig(v, epsilon, pathLength, tolerance, maxIterations, maxNonZerosPerClass, selection, selectionTolerance, patience, lambda);
  }

  public ElasticNetConfig withEpsilon(double v) {
    return new ElasticNetConfig(alpha, v, pathLength, tolerance, maxIterations, maxNonZerosPerClass, selection, selectionTolerance, patience, lambda);
  }

  public ElasticNetConfig withPathLength(int v) {
    return new ElasticNetConfig(alpha, epsilon, v, tolerance, maxIterations, maxNonZerosPerClass, selection, selectionTolerance, patience, lambda);
  }

  public ElasticNetConfig withTolerance(double v) {
    return new ElasticNetConfig(alpha, epsilon, pathLength, v, maxIterations, maxNonZerosPerClass, selection, selectionTolerance, patience, lambda);
  }

  public ElasticNetConfig withMaxIterations(int v) {
    return new ElasticNetConfig(alpha, epsilon, pathLength, tolerance, v, maxNonZerosPerClass, selection, selectionTolerance, patience, lambda);
  }

  public ElasticNetConfig withMaxNonZerosPerClass(int v) {
    return new ElasticNetConfig(alpha, epsilon, pathLength, tolerance, maxIterations, v, selection, selectionTolerance, patience, lambda);
  }

  public ElasticNetConfig withSelection(Selection v) {
    return new ElasticNetConfig(alpha, epsilon, pathLength, tolerance, maxIterations, maxNonZerosPerClass, v, selectionTolerance, patience, lambda);
  }

  public ElasticNetConfig withSelectionTolerance(double v) {
    return new ElasticNetConfig(alpha, epsilon, pathLength, tolerance, maxIterations, maxNonZerosPerClass, selection, v, patience, lambda);
  }

  public ElasticNetConfig withPatience(int v) {
    return new ElasticNetConfig(alpha, epsilon, pathLength, tolerance, maxIterations, maxNonZerosPerClass, selection, selectionTolerance, v, lambda);
  }

  public ElasticNetConfig withLambda(double v) {
    return new ElasticNetConfig(alpha, epsilon, pathLength, tolerance, maxIterations, maxNonZerosPerClass, selection, selectionTolerance, patience, v);
  }
}
