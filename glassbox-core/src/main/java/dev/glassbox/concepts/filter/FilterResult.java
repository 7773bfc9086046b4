package dev.glassbox.concepts.filter;

import dev.glassbox.encode.ConceptEmbeddings;
import java.util.Objects;

/**
 * A filter's output.
 *
 * @param kept the surviving concepts with their embeddings, in input order
 * @param report what was dropped and why
 */
public record FilterResult(ConceptEmbeddings kept, FilterReport report) {
  public FilterResult {
    Objects.requireNonNull(kept, "kept");
    Objects.requireNonNull(report, "report");
    if (report.kept() != kept.concepts().size()) {
      throw new IllegalArgumentException("filter report says " + report.kept() + " kept but the result holds " + kept.concepts().size());
    }
  }
}
