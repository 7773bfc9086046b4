package dev.glassbox.evaluate;

/**
 * A model's measured quality on one split.
 *
 * @param split which split was evaluated
 * @param items how many items
 * @param top1 top-1 accuracy
 * @param top5 top-5 accuracy; NaN when there are at most five classes (every class is then in the top 5)
 * @param perClassAccuracy top-1 accuracy per class (NaN for a class with no items in the split)
 * @param confusion {@code confusion[true][predicted]} counts
 * @param nonZerosPerClass non-zero head weights per class
 * @param meanCoverage Discover-then-Name's coverage: the mean number of concepts, taken largest
 *     positive contribution first, whose contributions reach 90% of the predicted class's positive
 *     concept logit
 * @param recovery how well the head recovered the true concepts, or null without ground truth
 */
public record Evaluation(
    String split, int items, double top1, double top5, double[] perClassAccuracy, int[][] confusion,
    int[] nonZerosPerClass, double meanCoverage, ConceptRecovery recovery) {}
