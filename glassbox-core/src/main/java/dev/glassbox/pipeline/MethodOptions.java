package dev.glassbox.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Text settings for a method ({@code name=value}), checked against the method's {@link OptionSpec}s:
 * an unknown name or an unparsable value is an error that names the option and what it takes.
 *
 * <p>What an option takes is read from its spec: a {@code true}/{@code false} default makes it a
 * flag, a numeric default a number, a comma-separated numeric default a list of numbers; a
 * description ending in "{@code , or WORD}" documents a word that stands for a mode (e.g.
 * {@code lambda=path}, {@code c=none}). Flags, numbers and lists are checked when the settings
 * are given, so a setting the method ignores (LaBo's {@code select-*} without selection) is still
 * refused when it is malformed; numbers must be finite (NaN, infinities and overflowing literals
 * such as {@code 1e400} are refused unless a word documents the mode they used to stand for).
 */
public final class MethodOptions {
  /** "or WORD" at the start of a description's clause: a word the option takes besides its values. */
  private static final Pattern OR_WORD = Pattern.compile("(?:^|[,;] )or ([a-z][a-z0-9-]*)(?=$|[\\s,;.)])");
  /** A stated lower bound ("≥ 1", "> 0"): the option is a number even when its default is a word. */
  private static final Pattern BOUND = Pattern.compile("(?:^|[,;] )[≥>] -?\\d");

  private enum Kind { FLAG, NUMBER, NUMBERS, TEXT }

  /** What an option takes, as its spec documents it. */
  private record Rule(Kind kind, List<String> words) {
    boolean isWord(String v) {
      return words.stream().anyMatch(w -> w.equalsIgnoreCase(v));
    }

    /** " or path", " or none or auto", or "" when the option documents no word. */
    String orWords() {
      return words.isEmpty() ? "" : " or " + String.join(" or ", words);
    }
  }

  private final String method;
  private final Map<String, String> values;
  private final Map<String, OptionSpec> specs;
  private final Map<String, String> given;
  private final Map<String, Rule> rules;

  /**
   * @throws IllegalArgumentException naming the method's options when {@code given} names one it
   *     does not have
   * @throws InvalidOptionException when a flag, number or list of numbers does not parse, or a
   *     number is not finite
   */
  public MethodOptions(String method, List<OptionSpec> specs, Map<String, String> given) {
    this.method = method;
    this.specs = new LinkedHashMap<>();
    specs.forEach(s -> this.specs.put(s.name(), s));
    this.values = new LinkedHashMap<>();
    this.rules = new LinkedHashMap<>();
    for (OptionSpec s : specs) {
      values.put(s.name(), s.defaultValue());
      rules.put(s.name(), rule(s));
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (!this.specs.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            "method '" + method + "' has no option '" + e.getKey() + "'; its options are: "
                + String.join(", ", this.specs.keySet()));
      }
    }
    this.given = new LinkedHashMap<>(given);
    for (Map.Entry<String, String> e : given.entrySet()) {
      check(e.getKey(), e.getValue());
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

  /**
   * The option as a finite number; NaN when it is {@code none} and the option documents
   * {@code none} (its default, or "or none" in its description).
   */
  public double real(String name) {
    String v = string(name);
    Rule r = rules.get(name);
    if (v.strip().equalsIgnoreCase("none") && (r.isWord("none") || specs.get(name).defaultValue().strip().equalsIgnoreCase("none"))) {
      return Double.NaN;
    }
    return requireFinite(name, v.strip(), r);
  }

  /** {@code v} as a finite number; otherwise an error naming the option and what it takes. */
  private double requireFinite(String name, String v, Rule r) {
    double x;
    try {
      x = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw bad(name, v, "a number");
    }
    if (!Double.isFinite(x)) {
      throw bad(name, v, "a finite number" + r.orWords());
    }
    return x;
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
    Boolean b = flag(v);
    if (b == null) {
      throw bad(name, v, "true or false");
    }
    return b;
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

  /** The options given explicitly, with their values as given, in the order given. */
  public Map<String, String> given() {
    return java.util.Collections.unmodifiableMap(given);
  }

  private void check(String name, String value) {
    Rule r = rules.get(name);
    String v = value.strip();
    switch (r.kind()) {
      case FLAG -> {
        if (flag(v.toLowerCase(Locale.ROOT)) == null) {
          throw bad(name, v.toLowerCase(Locale.ROOT), "true or false");
        }
      }
      case NUMBER -> {
        if (!r.isWord(v)) {
          requireFinite(name, v, r);
        }
      }
      case NUMBERS -> {
        if (!r.isWord(v)) {
          for (String p : v.split(",", -1)) {
            double x;
            try {
              x = Double.parseDouble(p.strip());
            } catch (NumberFormatException e) {
              throw badList(name, v, "numbers" + r.orWords());
            }
            if (!Double.isFinite(x)) {
              throw badList(name, v, "finite numbers" + r.orWords());
            }
          }
        }
      }
      case TEXT -> {
        // Read and checked by the method: choices, names, files.
      }
    }
  }

  private static Boolean flag(String v) {
    return switch (v) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> null;
    };
  }

  /** What the spec of an option says it takes. */
  private static Rule rule(OptionSpec s) {
    String d = s.defaultValue().strip();
    String desc = s.description() == null ? "" : s.description();
    List<String> words = new ArrayList<>();
    Matcher m = OR_WORD.matcher(desc);
    while (m.find()) {
      words.add(m.group(1));
    }
    if (flag(d.toLowerCase(Locale.ROOT)) != null && !isNumber(d)) {
      return new Rule(Kind.FLAG, List.of());
    }
    if (isNumber(d)) {
      return new Rule(Kind.NUMBER, List.copyOf(words));
    }
    if (d.contains(",") && java.util.Arrays.stream(d.split(",")).allMatch(p -> isNumber(p.strip()))) {
      return new Rule(Kind.NUMBERS, List.copyOf(words));
    }
    if (words.contains(d) && BOUND.matcher(desc).find()) {
      return new Rule(Kind.NUMBER, List.copyOf(words));
    }
    return new Rule(Kind.TEXT, List.copyOf(words));
  }

  private static boolean isNumber(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void requireKnown(String name) {
    if (!specs.containsKey(name)) {
      throw new IllegalStateException("method '" + method + "' reads undeclared option '" + name + "'");
    }
  }

  private InvalidOptionException bad(String name, String value, String expected) {
    return new InvalidOptionException(method, name, value,
        "option '" + name + "' of method '" + method + "' must be " + expected + ", got '" + value + "'", "expected " + expected);
  }

  /** As the lists' own parsers have always worded it. */
  private InvalidOptionException badList(String name, String value, String expected) {
    return new InvalidOptionException(method, name, value,
        "option '" + name + "' must be comma-separated " + expected + ", got '" + value + "'", "expected comma-separated " + expected);
  }
}
