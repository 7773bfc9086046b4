package dev.glassbox.model;

/**
 * One input's path through a model.
 *
 * @param activations concept activations as the head sees them
 * @param logits class logits
 * @param probabilities softmax of the logits
 * @param predicted index of the highest logit
 */
public record Prediction(float[] activations, float[] logits, float[] probabilities, int predicted) {}
