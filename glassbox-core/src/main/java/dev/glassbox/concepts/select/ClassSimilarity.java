package dev.glassbox.concepts.select;

/**
 * How LaBo's class–concept similarity {@code Sim(c, y)}, the mean score of concept {@code c} over
 * the training images of class {@code y}, is computed, and how it enters the discriminability score.
 */
public enum ClassSimilarity {
  /**
   * Raw dot products {@code t_c·x}, images and text left unnormalised: LaBo's default
   * ({@code use_img_norm = use_txt_norm = False}). The MI score needs every {@code Sim(c, y) > 0},
   * which CLIP's raw dot products satisfy.
   */
  DOT,
  /**
   * Cosine {@code t̂_c·x̂}, both sides normalised (LaBo with {@code use_img_norm = use_txt_norm =
   * True}). The MI score needs every {@code Sim(c, y) > 0}.
   */
  COSINE,
  /**
   * The mean cosine turned into a distribution over concepts by a softmax,
   * {@code P(c | y) ∝ exp(logitScale · Sim(c, y))}, CLIP's zero-shot reading of similarities. Not in
   * LaBo: for encoders whose scores can be negative, where the MI score is otherwise undefined.
   */
  EXP_COSINE;

  /** Whether images and text are L2-normalised before the dot product. */
  public boolean normalizes() {
    return this != DOT;
  }
}
