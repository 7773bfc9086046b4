package dev.glassbox.explain;

/**
 * A non-zero weight of a class on a concept.
 *
 * @param concept the concept's index
 * @param text the concept's phrase
 * @param weight the weight (positive: evidence for the class; negative: evidence against)
 */
public record ClassWeight(int concept, String text, float weight) {}
