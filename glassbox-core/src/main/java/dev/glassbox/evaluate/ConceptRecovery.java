package dev.glassbox.evaluate;

/**
 * How many of each class's true concepts (from ground truth) the head uses.
 *
 * @param overall the share of (class, true concept) pairs with a non-zero weight
 * @param overallPositive the share with a positive weight
 * @param minPerClass the lowest per-class share
 * @param truePairs the number of (class, true concept) pairs
 * @param precision the share of non-zero positive weights that sit on a true concept of their class
 */
public record ConceptRecovery(double overall, double overallPositive, double minPerClass, int truePairs, double precision) {}
