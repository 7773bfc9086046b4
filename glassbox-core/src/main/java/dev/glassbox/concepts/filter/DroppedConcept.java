package dev.glassbox.concepts.filter;

import dev.glassbox.concepts.Concept;
import java.util.Objects;

/**
 * One concept a filter removed, and why.
 *
 * @param concept the removed concept
 * @param filter the name of the filter that removed it
 * @param reason why
 * @param score the value the filter compared (length in characters, a similarity, a mean
 *     activation, a grounding ratio, or 1 for an exact class-name match)
 * @param threshold the limit it was compared with
 * @param detail a readable explanation naming what it matched or was redundant with
 */
public record DroppedConcept(Concept concept, String filter, DropReason reason, double score, double threshold, String detail) {
  public DroppedConcept {
    Objects.requireNonNull(concept, "concept");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
  }
}
