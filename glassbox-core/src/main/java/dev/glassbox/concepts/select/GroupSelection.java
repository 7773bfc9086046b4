package dev.glassbox.concepts.select;

/**
 * The picks of one class (per-class budgets) or of the whole pool (a global budget).
 *
 * @param group the class name, or {@link #ALL} for a global budget
 * @param groundSet the candidate indices the picks were made from
 * @param picked the chosen candidate indices, in the order they were chosen
 * @param value the objective value of the chosen set, or NaN for selectors without an objective
 * @param gainEvaluations marginal gains computed (0 for selectors without an objective)
 * @param keptAll true when the class had no more candidates than its budget, so all were kept
 */
public record GroupSelection(String group, int[] groundSet, int[] picked, double value, long gainEvaluations, boolean keptAll) {
  /** The group name of a global budget's single group. */
  public static final String ALL = "(all classes)";
}
