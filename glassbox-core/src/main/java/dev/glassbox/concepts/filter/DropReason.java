package dev.glassbox.concepts.filter;

/** Why a filter dropped a concept. */
public enum DropReason {
  /** Longer than the length limit. */
  TOO_LONG,
  /** The same as a class name up to case, articles, separators and plural. */
  CLASS_NAME,
  /** Its embedding is at least the threshold similar to a class name's. */
  SIMILAR_TO_CLASS_NAME,
  /** At least the threshold similar to another concept that covers more of the pool. */
  REDUNDANT,
  /** Its strongest activations on training images are below the cut-off. */
  LOW_ACTIVATION,
  /** Its text direction does not follow how the images vary. */
  NON_VISUAL,
  /** It is no more active on the images of the class that proposed it than on the others. */
  NOT_SEEN_IN_CLASS,
  /** Its text is closer to words for what cannot be seen than to words for appearance. */
  NON_VISUAL_WORDING
}
