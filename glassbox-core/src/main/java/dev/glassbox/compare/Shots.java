package dev.glassbox.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A few-shot setting: {@code perClass} training items per class, or all of them ({@link #ALL}).
 *
 * @param perClass items per class, ≥ 1, or {@code -1} for all
 */
public record Shots(int perClass) implements Comparable<Shots> {
  /** Every training item. */
  public static final Shots ALL = new Shots(-1);

  /** LaBo's settings: 1, 2, 4, 8, 16 and all. */
  public static final List<Shots> LABO = List.of(new Shots(1), new Shots(2), new Shots(4), new Shots(8), new Shots(16), ALL);

  public Shots {
    if (perClass < 1 && perClass != -1) {
      throw new IllegalArgumentException("shots must be ≥ 1 or all, got " + perClass);
    }
  }

  public boolean isAll() {
    return perClass == -1;
  }

  /** {@code "1"}, {@code "16"} or {@code "all"}. */
  public String label() {
    return isAll() ? "all" : Integer.toString(perClass);
  }

  /** Parses {@code "4"} or {@code "all"}. */
  public static Shots parse(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    if (t.equals("all") || t.equals("full")) {
      return ALL;
    }
    int v;
    try {
      v = Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("shots '" + s + "' is neither a count of items per class nor 'all'");
    }
    if (v < 1) {
      throw new IllegalArgumentException("shots must be ≥ 1 item per class or 'all', got " + v);
    }
    return new Shots(v);
  }

  /** Parses a comma-separated list ({@code "1,2,4,8,16,all"}), sorted ascending with all last, without repeats. */
  public static List<Shots> parseList(String s) {
    List<Shots> out = new ArrayList<>();
    for (String p : s.split(",")) {
      if (!p.isBlank()) {
        Shots v = parse(p);
        if (!out.contains(v)) {
          out.add(v);
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no shot counts given; use e.g. 1,2,4,8,16,all");
    }
    out.sort(null);
    return List.copyOf(out);
  }

  @Override
  public int compareTo(Shots o) {
    int a = isAll() ? Integer.MAX_VALUE : perClass;
    int b = o.isAll() ? Integer.MAX_VALUE : o.perClass;
    return Integer.compare(a, b);
  }
}
