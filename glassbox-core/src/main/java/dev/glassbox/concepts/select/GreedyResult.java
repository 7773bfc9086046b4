package dev.glassbox.concepts.select;

/**
 * The outcome of a greedy maximisation.
 *
 * @param picks the chosen items, in the order they were chosen
 * @param value {@code F} of the chosen set
 * @param gainEvaluations how many marginal gains were computed (the cost measure lazy greedy saves on)
 */
public record GreedyResult(int[] picks, double value, long gainEvaluations) {}
