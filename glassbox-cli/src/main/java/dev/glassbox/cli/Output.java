package dev.glassbox.cli;

import dev.glassbox.io.Json;
import java.io.PrintWriter;
import java.util.Locale;

/** Printing helpers shared by the commands. */
final class Output {
  private Output() {}

  static void json(PrintWriter out, Object value) {
    out.println(Json.string(value));
    out.flush();
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** A signed text bar of width proportional to {@code v / max}. */
  static String bar(double v, double max, int width) {
    int n = max <= 0 ? 0 : (int) Math.round(Math.abs(v) / max * width);
    return (v < 0 ? "-" : "+") + "#".repeat(Math.max(0, n));
  }
}
