package dev.glassbox.intervene;

/**
 * A test-time change to one concept's activation, as a person correcting the model would make it.
 * Values are on the scale the head reads (after any standardisation: 0 is the training average).
 */
public sealed interface Intervention {
  /** The concept's index in the model. */
  int concept();

  /** The activation after the intervention, given the one before. */
  float apply(float before);

  /** Sets the concept's activation to {@code value}. */
  record SetConcept(int concept, float value) implements Intervention {
    public SetConcept {
      if (!Float.isFinite(value)) {
        throw new IllegalArgumentException("intervention value for concept " + concept + " must be finite, got " + value);
      }
    }

    @Override
    public float apply(float before) {
      return value;
    }
  }

  /** Sets the concept's activation to zero, removing its contribution (Label-free CBM's notebook intervention). */
  record ZeroConcept(int concept) implements Intervention {
    @Override
    public float apply(float before) {
      return 0f;
    }
  }
}
