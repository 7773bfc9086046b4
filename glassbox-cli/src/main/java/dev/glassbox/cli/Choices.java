package dev.glassbox.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Options whose value is one of a fixed list of names; anything else is a usage error (exit 2) naming the choices. */
final class Choices {
  private Choices() {}

  /** {@code value} lower-cased when it is one of {@code allowed}. */
  static String check(CommandSpec spec, String option, String value, List<String> allowed) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': '" + value + "' (expected one of " + String.join(", ", allowed) + ")");
    }
    return v;
  }

  /** A usage error (exit 2) with {@code message}. */
  static CommandLine.ParameterException usage(CommandSpec spec, String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** A usage error naming {@code option} unless {@code value ≥ min}. */
  static void atLeast(CommandSpec spec, String option, Number value, long min) {
    if (value != null && value.longValue() < min) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': " + value + " (expected ≥ " + min + ")");
    }
  }

  /** A usage error naming {@code option} unless {@code lo ≤ value ≤ hi} (NaN never is). */
  static void inRange(CommandSpec spec, String option, Double value, double lo, double hi) {
    if (value != null && !(value >= lo && value <= hi)) {
      String range = hi == Double.POSITIVE_INFINITY ? "≥ " + fmt(lo)
          : hi == Double.MAX_VALUE ? "≥ " + fmt(lo) + " and finite" : "in [" + fmt(lo) + ", " + fmt(hi) + "]";
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': " + value + " (expected " + range + ")");
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Usage errors unless each split share lies in [0, 1) and the two sum below 1 (the rest of each
   * class is its training split).
   */
  static void splitFractions(CommandSpec spec, double val, double test) {
    share(spec, "--val-fraction", val);
    share(spec, "--test-fraction", test);
    if (!(val + test < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--val-fraction " + val + " and --test-fraction " + test + " sum to "
          + (val + test) + " (expected a sum below 1: the rest of each class is its training split)");
    }
  }

  private static void share(CommandSpec spec, String option, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': " + v + " (expected a share of each class in [0, 1))");
    }
  }

  /** True when {@code option} was given on the command line. */
  static boolean given(CommandSpec spec, String option) {
    return spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
  }
}
