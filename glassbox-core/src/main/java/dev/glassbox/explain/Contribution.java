package dev.glassbox.explain;

/**
 * One concept's part in one class's logit: {@code activation × weight}.
 *
 * @param concept the concept's index in the model
 * @param text the concept's phrase
 * @param activation its activation for this input (as the head sees it)
 * @param weight the class's weight on it
 * @param contribution {@code activation × weight}, signed
 */
public record Contribution(int concept, String text, float activation, float weight, float contribution) {
  /**
   * The phrase as shown to people: a negative activation reads "NOT concept", as Label-free CBM
   * renders it (the concept is less present than usual, and the weight acts on that absence).
   */
  public String label() {
    return activation < 0 ? "NOT " + text : text;
  }
}
