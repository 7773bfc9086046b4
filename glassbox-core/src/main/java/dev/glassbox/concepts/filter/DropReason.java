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
  NON_VISUAL
}
