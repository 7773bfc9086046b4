package dev.glassbox.concepts.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one filter, or a pipeline of filters, did.
 *
 * @param filters the filters that ran, in order
 * @param candidates the number of concepts that came in
 * @param kept the number that survived
 * @param dropped every removed concept with its reason and score, in the order the filters removed
 *     them; {@code candidates − kept == dropped.size()}
 */
public record FilterReport(List<String> filters, int candidates, int kept, List<DroppedConcept> dropped) {
  public FilterReport {
    filters = List.copyOf(filters);
    dropped = List.copyOf(dropped);
    if (candidates - kept != dropped.size()) {
      throw new IllegalArgumentException(
          "filter report lists " + dropped.size() + " dropped concepts but " + candidates + " came in and " + kept + " were kept");
    }
  }

  /** The report of a filter that ran after this one (or pipeline), on its survivors. */
  public FilterReport then(FilterReport next) {
    if (next.candidates != kept) {
      throw new IllegalArgumentException(
          "cannot merge filter reports: the next filter saw " + next.candidates + " concepts but " + kept + " were kept");
    }
    List<String> f = new ArrayList<>(filters);
    f.addAll(next.filters);
    List<DroppedConcept> d = new ArrayList<>(dropped);
    d.addAll(next.dropped);
    return new FilterReport(f, candidates, next.kept, d);
  }

  /** How many concepts each filter dropped, in filter order (filters that dropped none included). */
  public Map<String, Integer> droppedPerFilter() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String f : filters) {
      m.putIfAbsent(f, 0);
    }
    for (DroppedConcept d : dropped) {
      m.merge(d.filter(), 1, Integer::sum);
    }
    return m;
  }

  /** The drop record of the concept with this text, or null when it was kept (or never seen). */
  public DroppedConcept find(String text) {
    for (DroppedConcept d : dropped) {
      if (d.concept().text().equals(text)) {
        return d;
      }
    }
    return null;
  }
}
