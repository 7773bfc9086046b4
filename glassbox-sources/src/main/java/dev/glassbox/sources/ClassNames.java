package dev.glassbox.sources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one validation of class names that every concept source applies before it does any work:
 * the list must be non-empty, no name may be blank, and no two names may be equal ignoring case and
 * surrounding whitespace (Label-free CBM's ImageNet concept files silently lost two classes to
 * duplicate names, issue #1 of its repository).
 */
public final class ClassNames {
  private ClassNames() {}

  /**
   * Checks {@code classNames} for {@code sourceName} and returns them stripped of surrounding
   * whitespace, in order.
   *
   * @throws IllegalArgumentException naming every offending position and name
   */
  public static List<String> validate(List<String> classNames, String sourceName) {
    if (classNames == null || classNames.isEmpty()) {
      throw new IllegalArgumentException(
          "the " + sourceName + " concept source needs at least one class name, got an empty list; pass the classes to describe");
    }
    List<Integer> blank = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>(classNames.size());
    for (int i = 0; i < classNames.size(); i++) {
      String n = classNames.get(i);
      if (n == null || n.isBlank()) {
        blank.add(i);
        out.add("");
        continue;
      }
      String s = n.strip();
      out.add(s);
      Integer prev = seen.putIfAbsent(s.toLowerCase(Locale.ROOT), i);
      if (prev != null) {
        duplicates.add("\"" + s + "\" (positions " + prev + " and " + i + ")");
      }
    }
    if (!blank.isEmpty()) {
      throw new IllegalArgumentException(
          "the " + sourceName + " concept source got blank class names at position" + (blank.size() > 1 ? "s " : " ") + blank
              + " of " + classNames.size() + "; every class needs a name");
    }
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException(
          "the " + sourceName + " concept source got duplicate class names (ignoring case): " + String.join(", ", duplicates)
              + "; class names must be unique, so rename one of each pair (e.g. \"crane (bird)\" and \"crane (machine)\")");
    }
    return List.copyOf(out);
  }
}
