package dev.glassbox.methods.probe;

/**
 * Settings of the linear probe (LaBo's baseline, CoOp's "lpclip" protocol).
 *
 * @param grid the coarse grid of scikit-learn's C (inverse L2 strength), each > 0. Default
 *     {@link CSearch#DEFAULT_GRID}, CoOp's {1e6, 1e4, …, 1e-6}
 * @param searchSteps log-space binary-search steps after the grid, ≥ 0. Default 8, CoOp's
 * @param fixedC a single C instead of the search, or NaN to search. Default NaN
 * @param tolerance the solver's convergence threshold on the proximal gradient mapping of the
 *     mean objective, > 0. Default 1e-4 (scikit-learn's {@code tol}, here on the mean loss)
 * @param maxIterations solver iterations per C, ≥ 1. Default 1000, CoOp's {@code max_iter}
 *     (FISTA iterations here, each cheaper than an L-BFGS iteration)
 */
public record ProbeConfig(double[] grid, int searchSteps, double fixedC, double tolerance, int maxIterations) {
  public ProbeConfig {
    grid = grid.clone();
    if (grid.length == 0) {
      throw new IllegalArgumentException("the probe's C grid is empty; give at least one value");
    }
    for (double g : grid) {
      check(g > 0 && Double.isFinite(g), "grid value", "> 0 and finite", g);
    }
    check(searchSteps >= 0, "searchSteps", "≥ 0", searchSteps);
    check(Double.isNaN(fixedC) || (fixedC > 0 && Double.isFinite(fixedC)), "C", "> 0 and finite (or none to search)", fixedC);
    check(tolerance > 0 && Double.isFinite(tolerance), "tolerance", "> 0", tolerance);
    check(maxIterations >= 1, "maxIterations", "≥ 1", maxIterations);
  }

  private static void check(boolean ok, String name, String range, Object v) {
    if (!ok) {
      throw new IllegalArgumentException("linear probe " + name + " must be " + range + ", got " + v);
    }
  }

  public static ProbeConfig defaults() {
    return new ProbeConfig(CSearch.DEFAULT_GRID, CSearch.DEFAULT_STEPS, Double.NaN, 1e-4, 1000);
  }

  @Override
  public double[] grid() {
    return grid.clone();
  }

  public ProbeConfig withGrid(double[] v) {
    return new ProbeConfig(v, searchSteps, fixedC, tolerance, maxIterations);
  }

  public ProbeConfig withSearchSteps(int v) {
    return new ProbeConfig(grid, v, fixedC, tolerance, maxIterations);
  }

  public ProbeConfig withFixedC(double v) {
    return new ProbeConfig(grid, searchSteps, v, tolerance, maxIterations);
  }

  public ProbeConfig withTolerance(double v) {
    return new ProbeConfig(grid, searchSteps, fixedC, v, maxIterations);
  }

  public ProbeConfig withMaxIterations(int v) {
    return new ProbeConfig(grid, searchSteps, fixedC, tolerance, v);
  }
}
