package dev.glassbox.concepts.select;

/**
 * Chooses a subset of candidate concepts under a budget. Implementations are configured and
 * stateless: {@link #select} never mutates the selector or its input, and the same input gives the
 * same selection.
 */
public interface ConceptSelector {
  /** A short name recorded in provenance ({@code "labo-submodular"}, {@code "random"}, …). */
  String name();

  /** The selected concepts, with the picks of every class (or of the whole pool for a global budget). */
  ConceptSelection select(SelectionInput input);
}
