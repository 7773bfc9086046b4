package dev.glassbox.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a comparison runs.
 *
 * @param methods method names, in report order (any registered {@link dev.glassbox.pipeline.CbmMethod})
 * @param options per method, its {@code name=value} options (methods not listed use defaults)
 * @param shots the shot counts
 * @param seeds repetitions per shot count, ≥ 1
 * @param rootSeed the seed every repetition's seed is split from
 */
public record ComparisonSpec(List<String> methods, Map<String, Map<String, String>> options, List<Shots> shots, int seeds, long rootSeed) {
  public ComparisonSpec {
    methods = List.copyOf(methods);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("no methods to compare; name at least one (see 'glassbox methods')");
    }
    if (methods.stream().distinct().count() != methods.size()) {
      throw new IllegalArgumentException("methods " + methods + " name a method twice");
    }
    Map<String, Map<String, String>> o = new LinkedHashMap<>();
    options.forEach((k, v) -> o.put(k, Map.copyOf(v)));
    options = Map.copyOf(o);
    shots = List.copyOf(shots);
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be ≥ 1, got " + seeds);
    }
  }

  /** The options of {@code method} (empty when none were given). */
  public Map<String, String> optionsOf(String method) {
    return options.getOrDefault(method, Map.of());
  }

  /**
   * Splits {@code method.option=value} settings into per-method maps.
   *
   * @throws IllegalArgumentException when a setting has no method prefix or names a method not in {@code methods}
   */
  public static Map<String, Map<String, String>> parseOptions(List<String> settings, List<String> methods) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String s : settings) {
      int eq = s.indexOf('=');
      int dot = s.indexOf('.');
      if (eq <= 0 || dot <= 0 || dot > eq) {
        throw new IllegalArgumentException("setting '" + s + "' is not of the form method.option=value (e.g. labo.epochs=500)");
      }
      String m = s.substring(0, dot).strip();
      if (!methods.contains(m)) {
        throw new IllegalArgumentException("setting '" + s + "' is for method '" + m + "', which is not among the compared methods " + methods);
      }
      out.computeIfAbsent(m, k -> new LinkedHashMap<>()).put(s.substring(dot + 1, eq).strip(), s.substring(eq + 1).strip());
    }
    return out;
  }
}
