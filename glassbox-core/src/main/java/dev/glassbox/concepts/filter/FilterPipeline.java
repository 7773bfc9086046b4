package dev.glassbox.concepts.filter;

import dev.glassbox.encode.ConceptEmbeddings;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs filters in order, each on the previous one's survivors, and merges their reports into one
 * that lists every dropped concept with the filter, reason and score that removed it. When a
 * filter leaves nothing, the remaining filters do not run (they are not listed in the report).
 *
 * @param filters the filters, in order; at least one
 */
public record FilterPipeline(List<ConceptFilter> filters) implements ConceptFilter {
  public FilterPipeline {
    filters = List.copyOf(filters);
    if (filters.isEmpty()) {
      throw new IllegalArgumentException("a filter pipeline needs at least one filter");
    }
  }

  public static FilterPipeline of(ConceptFilter... filters) {
    return new FilterPipeline(List.of(filters));
  }

  /**
   * Label-free CBM's filters in its order (length, class name, redundancy, low activation) with
   * its defaults, then {@link NonVisualFilter}. Needs class names with their embeddings and
   * training images in the context.
   */
  public static FilterPipeline labelFree() {
    return of(LengthFilter.defaults(), ClassNameFilter.defaults(), RedundancyFilter.defaults(), LowActivationFilter.defaults(),
        NonVisualFilter.defaults());
  }

  @Override
  public String name() {
    List<String> names = new ArrayList<>();
    for (ConceptFilter f : filters) {
      names.add(f.name());
    }
    return String.join("+", names);
  }

  @Override
  public FilterResult apply(ConceptEmbeddings candidates, FilterContext context) {
    Filters.requireCandidates(candidates, "pipeline");
    ConceptEmbeddings current = candidates;
    FilterReport report = null;
    for (ConceptFilter f : filters) {
      if (current.concepts().size() == 0) {
        break;
      }
      FilterResult r = f.apply(current, context);
      report = report == null ? r.report() : report.then(r.report());
      current = r.kept();
    }
    return new FilterResult(current, report);
  }
}
