package dev.glassbox.concepts.select;

import java.util.Objects;

/**
 * How many concepts a selector keeps.
 *
 * @param mode how {@code count} is read. Default {@link Mode#PER_CLASS}
 * @param count the number of concepts: per class, in total split evenly over the classes, or in
 *     total over the whole pool, depending on {@code mode}; ≥ 1. Default 50, LaBo's 50 concepts per
 *     class ({@code num_concept = 50 × |Y|})
 */
public record Budget(Mode mode, int count) {

  /** How a budget's count is read. */
  public enum Mode {
    /** {@code count} concepts per class, chosen among that class's candidates. */
    PER_CLASS,
    /**
     * LaBo's {@code num_concept}: a total split evenly, {@code k = ⌈count / |Y|⌉} per class, chosen
     * among that class's candidates.
     */
    TOTAL_SPLIT,
    /** {@code count} concepts in total, chosen over the whole candidate pool. */
    GLOBAL
  }

  public Budget {
    Objects.requireNonNull(mode, "budget mode");
    if (count < 1) {
      throw new IllegalArgumentException(
          "concept budget count must be ≥ 1, got " + count + " (mode " + mode + "); a selector keeps at least one concept");
    }
  }

  /** LaBo's default: 50 concepts per class. */
  public static Budget defaults() {
    return new Budget(Mode.PER_CLASS, 50);
  }

  /** {@code k} concepts per class. */
  public static Budget perClass(int k) {
    return new Budget(Mode.PER_CLASS, k);
  }

  /** LaBo's {@code num_concept}: {@code ⌈numConcept / |Y|⌉} per class. */
  public static Budget total(int numConcept) {
    return new Budget(Mode.TOTAL_SPLIT, numConcept);
  }

  /** {@code n} concepts over the whole pool. */
  public static Budget global(int n) {
    return new Budget(Mode.GLOBAL, n);
  }

  /** True when the budget is spent class by class over each class's own candidates. */
  public boolean isPerClass() {
    return mode != Mode.GLOBAL;
  }

  /** The number of concepts per class for {@code numClasses} classes (per-class modes only). */
  public int perClassCount(int numClasses) {
    return switch (mode) {
      case PER_CLASS -> count;
      case TOTAL_SPLIT -> (int) ((count + (long) numClasses - 1) / numClasses);
      case GLOBAL -> throw new IllegalStateException("a global budget has no per-class count");
    };
  }
}
