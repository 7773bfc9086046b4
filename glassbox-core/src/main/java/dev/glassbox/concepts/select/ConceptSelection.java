package dev.glassbox.concepts.select;

import dev.glassbox.encode.ConceptEmbeddings;
import java.util.List;
import java.util.Map;

/**
 * A selector's result.
 *
 * @param selected the selected concepts with their embeddings, in candidate order
 * @param indices the selected candidate indices, ascending and distinct (a concept picked by
 *     several classes appears once)
 * @param groups the picks of each class, in class order (one group for a global budget)
 * @param selector the selector's name
 * @param config the selector's settings, JSON-compatible, for provenance
 */
public record ConceptSelection(
    ConceptEmbeddings selected, int[] indices, List<GroupSelection> groups, String selector, Map<String, Object> config) {
  public ConceptSelection {
    groups = List.copyOf(groups);
    config = Map.copyOf(config);
  }

  /** The total number of marginal gains computed over all groups. */
  public long gainEvaluations() {
    long s = 0;
    for (GroupSelection g : groups) {
      s += g.gainEvaluations();
    }
    return s;
  }
}
