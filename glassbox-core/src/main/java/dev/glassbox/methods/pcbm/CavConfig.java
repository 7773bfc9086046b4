package dev.glassbox.methods.pcbm;

import java.util.Arrays;

/**
 * How concept activation vectors are learned (Post-hoc CBM, Yuksekgonul, Wang &amp; Zou, ICLR 2023,
 * {@code learn_concepts_dataset.py}): per concept, {@code 2·samplesPerSide} positive and as many
 * negative examples are drawn (with replacement when a side has fewer), the first half of each side
 * trains a linear SVM and the second half validates it, for each C of the grid; the C with the best
 * validation accuracy (the smallest on ties) is kept.
 *
 * @param samplesPerSide training examples per side, ≥ 1; validation uses as many again. Default 50
 *     (PCBM's {@code n_samples}; its CUB setup uses 100)
 * @param cGrid the SVM penalties tried, each > 0. Default [0.01, 0.1] (PCBM's code default; its
 *     README searches 0.001–10, see {@link #README_GRID})
 * @param minExamples the fewest distinct examples a side may have, ≥ 1; a concept with fewer is
 *     refused by name. Default 10 (a Glassbox choice: below it, sampling with replacement mostly
 *     repeats the same few images)
 * @param tolerance the SVM's stopping threshold on its KKT violation, > 0. Default 1e-3
 *     (scikit-learn's {@code SVC} default {@code tol})
 * @param maxIterations the SVM's iteration limit, ≥ 1. Default 10,000,000 (libsvm's floor)
 */
public record CavConfig(int samplesPerSide, double[] cGrid, int minExamples, double tolerance, long maxIterations) {
  /** PCBM's README grid of C values. */
  public static final double[] README_GRID = {0.001, 0.01, 0.1, 1.0, 10.0};

  public CavConfig {
    check(samplesPerSide >= 1, "samplesPerSide", "≥ 1", samplesPerSide);
    check(cGrid != null && cGrid.length > 0, "cGrid", "a non-empty list", cGrid == null ? null : Arrays.toString(cGrid));
    for (double c : cGrid) {
      check(c > 0 && !Double.isNaN(c), "cGrid", "all > 0", Arrays.toString(cGrid));
    }
    check(minExamples >= 1, "minExamples", "≥ 1", minExamples);
    check(tolerance > 0, "tolerance", "> 0", tolerance);
    check(maxIterations >= 1, "maxIterations", "≥ 1", maxIterations);
    cGrid = cGrid.clone();
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("CAV " + name + " must be " + range + ", got " + value);
    }
  }

  public static CavConfig defaults() {
    return new CavConfig(50, new double[] {0.01, 0.1}, 10, 1e-3, 10_000_000L);
  }

  @Override
  public double[] cGrid() {
    return cGrid.clone();
  }

  public CavConfig withSamplesPerSide(int v) {
    return new CavConfig(v, cGrid, minExamples, tolerance, maxIterations);
  }

  public CavConfig withCGrid(double[] v) {
    return new CavConfig(samplesPerSide, v, minExamples, tolerance, maxIterations);
  }

  public CavConfig withMinExamples(int v) {
    return new CavConfig(samplesPerSide, cGrid, v, tolerance, maxIterations);
  }

  public CavConfig withTolerance(double v) {
    return new CavConfig(samplesPerSide, cGrid, minExamples, v, maxIterations);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CavConfig c && c.samplesPerSide == samplesPerSide && Arrays.equals(c.cGrid, cGrid)
        && c.minExamples == minExamples && c.tolerance == tolerance && c.maxIterations == maxIterations;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(cGrid) + Integer.hashCode(samplesPerSide);
  }
}
