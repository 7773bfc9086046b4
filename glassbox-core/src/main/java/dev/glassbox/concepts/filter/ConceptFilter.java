package dev.glassbox.concepts.filter;

import dev.glassbox.encode.ConceptEmbeddings;

/**
 * Removes candidate concepts for one stated reason. Implementations are configured and stateless;
 * {@link #apply} never mutates its inputs, keeps the survivors in their input order, and lists every
 * dropped concept in the report.
 */
public interface ConceptFilter {
  /** A short name recorded in reports and provenance ({@code "length"}, {@code "redundancy"}, …). */
  String name();

  /**
   * Filters {@code candidates}.
   *
   * @param candidates the candidate concepts with their text embeddings; at least one
   * @param context what the filter needs besides the candidates (class names and their embeddings,
   *     training images, probe phrases); a filter names what it needs when it is missing
   */
  FilterResult apply(ConceptEmbeddings candidates, FilterContext context);
}
