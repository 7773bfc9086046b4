package dev.glassbox.head;

/**
 * One point of a fit (a regularisation-path point, or an epoch checkpoint): how it went and what
 * it produced. Non-convergence is reported here, never thrown.
 *
 * @param lambda the regularisation strength (NaN when the method has none)
 * @param trainAccuracy top-1 accuracy on the training split
 * @param valAccuracy top-1 accuracy on the validation split (NaN when there is none)
 * @param nonZeros non-zero weights in all
 * @param maxNonZerosPerClass the largest count of non-zero weights in one class
 * @param iterations solver iterations (or epochs) spent at this point
 * @param converged whether the solver met its tolerance within its iteration limit
 * @param optimalityGap how far the answer is from optimal: for the elastic net, the largest
 *     violation of its KKT conditions; NaN when not measured
 * @param objective the penalised training objective (NaN when not measured)
 */
public record FitReport(
    double lambda, double trainAccuracy, double valAccuracy, int nonZeros, int maxNonZerosPerClass,
    int iterations, boolean converged, double optimalityGap, double objective) {}
