package dev.glassbox.concepts.filter;

import dev.glassbox.encode.ConceptEmbeddings;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops concepts longer than {@code maxChars} characters (Unicode code points, as Python's
 * {@code len}): long phrases are sentences rather than concepts, and CLIP-style text towers score
 * them poorly. Label-free CBM's first filter (Oikarinen et al., ICLR 2023).
 *
 * @param maxChars the longest kept concept, ≥ 1. Default 30, Label-free CBM's {@code MAX_LEN}
 */
public record LengthFilter(int maxChars) implements ConceptFilter {
  public LengthFilter {
    if (maxChars < 1) {
      throw new IllegalArgumentException("length filter maxChars must be ≥ 1, got " + maxChars);
    }
  }

  public static LengthFilter defaults() {
    return new LengthFilter(30);
  }

  @Override
  public String name() {
    return "length";
  }

  @Override
  public FilterResult apply(ConceptEmbeddings candidates, FilterContext context) {
    Filters.requireCandidates(candidates, name());
    int n = candidates.concepts().size();
    boolean[] drop = new boolean[n];
    List<DroppedConcept> dropped = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String t = candidates.concepts().get(i).text();
      int len = t.codePointCount(0, t.length());
      if (len > maxChars) {
        drop[i] = true;
        dropped.add(new DroppedConcept(candidates.concepts().get(i), name(), DropReason.TOO_LONG, len, maxChars,
            len + " characters, more than " + maxChars));
      }
    }
    return Filters.result(name(), candidates, drop, dropped);
  }
}
