package dev.glassbox.methods.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The search for the inverse regularisation strength {@code C} that LaBo's linear-probe baseline
 * takes from CoOp's "lpclip" protocol (Zhou et al., "Learning to Prompt for Vision-Language
 * Models", IJCV 2022; methods.md §1): validation accuracy on a coarse grid, then a binary search in
 * log space around the grid's best value.
 *
 * <p>The grid is tried in the given order and its best value {@code C₀} is the first with the
 * highest accuracy. The search bracket starts at {@code [C₀/10, 10·C₀]}. Each step compares the
 * accuracies at the two ends of the bracket and keeps the half (in log10 C) next to the better end;
 * on a tie it keeps the lower half (stronger regularisation). The answer is the better end of the
 * last step's bracket. Each distinct {@code C} is evaluated once.
 */
public final class CSearch {
  /** CoOp's coarse grid: 1e6 down to 1e-6, every second decade. */
  public static final double[] DEFAULT_GRID = {1e6, 1e4, 1e2, 1, 1e-2, 1e-4, 1e-6};

  /** CoOp's number of binary-search steps. */
  public static final int DEFAULT_STEPS = 8;

  private CSearch() {}

  /**
   * @param chosen the selected C
   * @param tried every C evaluated, in evaluation order, with its score
   */
  public record Result(double chosen, Map<Double, Double> tried) {}

  /**
   * Runs the search over {@code score} (validation accuracy as a function of C).
   *
   * @param grid the coarse grid, each value > 0 and finite, not empty
   * @param steps binary-search steps, ≥ 0 (0 returns the grid's best)
   */
  public static Result search(double[] grid, int steps, DoubleUnaryOperator score) {
    if (grid.length == 0) {
      throw new IllegalArgumentException("the probe's C grid is empty; give at least one value");
    }
    for (double g : grid) {
      if (!(g > 0) || !Double.isFinite(g)) {
        throw new IllegalArgumentException("the probe's C grid holds " + g + "; every C must be > 0 and finite");
      }
    }
    if (steps < 0) {
      throw new IllegalArgumentException("the probe's search steps must be ≥ 0, got " + steps);
    }
    Map<Double, Double> tried = new LinkedHashMap<>();
    DoubleUnaryOperator eval = c -> tried.computeIfAbsent(c, score::applyAsDouble);
    double best = grid[0];
    double bestScore = Double.NEGATIVE_INFINITY;
    for (double g : grid) {
      double s = eval.applyAsDouble(g);
      if (s > bestScore) {
        bestScore = s;
        best = g;
      }
    }
    double lo = Math.log10(best) - 1;
    double hi = Math.log10(best) + 1;
    double chosen = best;
    for (int step = 0; step < steps; step++) {
      double cl = Math.pow(10, lo);
      double cr = Math.pow(10, hi);
      double sl = eval.applyAsDouble(cl);
      double sr = eval.applyAsDouble(cr);
      double mid = 0.5 * (lo + hi);
      if (sl < sr) {
        chosen = cr;
        lo = mid;
      } else {
        chosen = cl;
        hi = mid;
      }
    }
    return new Result(chosen, tried);
  }

  /** Parses a comma-separated grid ({@code "1e6,1e4,1"}). */
  public static double[] parseGrid(String text) {
    List<Double> out = new ArrayList<>();
    for (String p : text.split(",")) {
      String t = p.strip();
      if (t.isEmpty()) {
        continue;
      }
      try {
        out.add(Double.parseDouble(t));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the probe's C grid holds '" + t + "', which is not a number; give values like 1e6,1e4,1");
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
