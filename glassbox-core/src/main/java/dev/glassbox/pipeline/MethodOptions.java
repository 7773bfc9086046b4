package dev.glassbox.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Text settings for a method ({@code name=value}), checked against the method's {@link OptionSpec}s:
 * an unknown name or an unparsable value is an error that names the option and what it takes.
 */
public final class MethodOptions {
  private final String method;
  private final Map<String, String> values;
  private final Map<String, OptionSpec> specs;

  public MethodOptions(String method, List<OptionSpec> specs, Map<String, String> given) {
    this.method = method;
    this.specs = new LinkedHashMap<>();
    specs.forEach(s -> this.specs.put(s.name(), s));
    this.values = new LinkedHashMap<>();
    for (OptionSpec s : specs) {
      values.put(s.name(), s.defaultValue());
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (!this.specs.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            "method '" + method + "' has no option '" + e.getKey() + "'; its options are: "
                + String.join(", ", this.specs.keySet()));
      }
      values.put(e.getKey(), e.getValue());
    }
  }

  /** Parses {@code name=value} pairs. */
  public static Map<String, String> parsePairs(List<String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("option '" + p + "' is not of the form name=value");
      }
      out.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
    }
    return out;
  }

  public String string(String name) {
    requireKnown(name);
    return values.get(name);
  }

  public double real(String name) {
    String v = string(name);
    try {
      return v.equalsIgnoreCase("none") || v.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw bad(name, v, "a number");
    }
  }

  public int integer(String name) {
    String v = string(name);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw bad(name, v, "an integer");
    }
  }

  public boolean bool(String name) {
    String v = string(name).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw bad(name, v, "true or false");
    };
  }

  public <E extends Enum<E>> E choice(String name, Class<E> type) {
    String v = string(name);
    String norm = v.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(norm)) {
        return e;
      }
    }
    String allowed = java.util.Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", "));
    throw bad(name, v, "one of " + allowed);
  }

  /** Every option with its effective value, for provenance. */
  public Map<String, String> effective() {
    return Map.copyOf(values);
  }

  private void requireKnown(String name) {
    if (!specs.containsKey(name)) {
      throw new IllegalStateException("method '" + method + "' reads undeclared option '" + name + "'");
    }
  }

  private IllegalArgumentException bad(String name, String value, String expected) {
    return new IllegalArgumentException(
        "option '" + name + "' of method '" + method + "' must be " + expected + ", got '" + value + "'");
  }
}
