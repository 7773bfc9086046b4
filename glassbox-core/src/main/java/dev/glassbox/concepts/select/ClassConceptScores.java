package dev.glassbox.concepts.select;

import dev.glassbox.math.FloatMatrix;

/**
 * LaBo's per-concept scores for one selection input.
 *
 * @param similarity {@code [numCandidates × numClasses]} {@code Sim(c, y)}, the mean score of each
 *     candidate over each class's training images (dot or cosine, per {@link ClassSimilarity})
 * @param mutualInformation the MI discriminability score of each candidate, ≥ 0
 */
public record ClassConceptScores(FloatMatrix similarity, double[] mutualInformation) {
  /** {@code Sim(c, y)}. */
  public float similarity(int c, int y) {
    return similarity.get(c, y);
  }

  /** The mean of {@code Sim(c, y)} over the classes: a concept's mean score over a class-balanced image set. */
  public double meanSimilarity(int c) {
    int ny = similarity.cols();
    double s = 0;
    for (int y = 0; y < ny; y++) {
      s += similarity.get(c, y);
    }
    return s / ny;
  }
}
