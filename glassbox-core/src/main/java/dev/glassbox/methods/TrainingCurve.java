package dev.glassbox.methods;

import java.util.ArrayList;
import java.util.List;

/**
 * The mean training loss of each epoch of a stochastic (mini-batch) fit, and whether it levelled
 * off. The reference implementations of these methods train for a fixed number of epochs and test
 * nothing; Glassbox reports convergence as a plateau: the mean loss over the last tenth of the
 * epochs (at least one) changed by at most {@code tolerance}, relative, from the tenth before.
 *
 * @param epochLosses mean training loss per epoch, in order
 * @param relativeChange {@code (previous window − last window) / |previous window|}; NaN with fewer
 *     than two windows of epochs
 * @param converged whether {@code |relativeChange| ≤ tolerance}
 */
public record TrainingCurve(List<Double> epochLosses, double relativeChange, boolean converged) {
  public TrainingCurve {
    epochLosses = List.copyOf(epochLosses);
  }

  /** The curve of {@code losses} judged with {@code tolerance}. */
  public static TrainingCurve of(double[] losses, int count, double tolerance) {
    List<Double> l = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      l.add(losses[i]);
    }
    int w = Math.max(1, count / 10);
    if (count < 2 * w) {
      return new TrainingCurve(l, Double.NaN, false);
    }
    double last = 0;
    double prev = 0;
    for (int i = count - w; i < count; i++) {
      last += losses[i];
    }
    for (int i = count - 2 * w; i < count - w; i++) {
      prev += losses[i];
    }
    double rel = prev == 0 ? (last == 0 ? 0 : Double.POSITIVE_INFINITY) : (prev - last) / Math.abs(prev);
    return new TrainingCurve(l, rel, Double.isFinite(rel) && Math.abs(rel) <= tolerance);
  }

  /** The loss of the last epoch (NaN when there is none). */
  public double finalLoss() {
    return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
  }
}
