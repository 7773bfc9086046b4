package dev.glassbox.compare;

import dev.glassbox.model.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comparison as one self-contained HTML page: the accuracy table (mean ± std over seeds), a line
 * chart of test accuracy against shots per method with ± std error bars, a chart of training time,
 * and the sparsity and coverage table. Charts are inline SVG; the page loads nothing (no scripts,
 * fonts or styles from elsewhere), so it can be archived and opened offline.
 */
public final class ComparisonReport {
  /** Colour per method, in method order (Okabe–Ito, readable with colour-vision deficiency). */
  private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};

  private static final int W = 720;
  private static final int H = 380;
  private static final int LEFT = 60;
  private static final int RIGHT = 170;
  private static final int TOP = 20;
  private static final int BOTTOM = 50;

  private ComparisonReport() {}

  public static String html(ComparisonResult r) {
    StringBuilder b = new StringBuilder(16_384);
    List<Shots> shots = r.spec().shots();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Glassbox comparison: ")
        .append(esc(r.dataset())).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:960px;color:#222;padding:0 1em}\n")
        .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}\n")
        .append("th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}caption{text-align:left;font-weight:600;margin-bottom:.4em}\n")
        .append(".best{font-weight:700}.muted{color:#666;font-size:.9em}svg{display:block;margin:1em 0}\n")
        .append("</style>\n</head>\n<body>\n");
    b.append("<h1>Method comparison on ").append(esc(r.dataset())).append("</h1>\n");
    b.append("<p class=\"muted\">").append(r.numClasses()).append(" classes; ").append(r.splitSizes()[0]).append(" training, ")
        .append(r.splitSizes()[1]).append(" validation and ").append(r.splitSizes()[2]).append(" test items. Each few-shot run trains on ")
        .append("that many training items per class and is scored on the whole test split; ").append(r.spec().seeds())
        .append(r.spec().seeds() == 1 ? " seed" : " seeds").append(" per setting (root seed ").append(r.spec().rootSeed())
        .append("). Dataset fingerprint <code>").append(esc(r.datasetFingerprint().substring(0, Math.min(16, r.datasetFingerprint().length()))))
        .append("…</code>; Glassbox ").append(esc(Provenance.BuildInfo.current().version())).append(" (")
        .append(esc(Provenance.BuildInfo.current().commit())).append(").</p>\n");

    b.append("<table>\n<caption>Test accuracy (%), mean ± std over seeds</caption>\n<tr><th>method</th>");
    for (Shots s : shots) {
      b.append("<th>").append(esc(s.label())).append(s.isAll() ? "" : "-shot").append("</th>");
    }
    b.append("</tr>\n");
    for (String m : r.spec().methods()) {
      b.append("<tr><td>").append(esc(m)).append("</td>");
      for (Shots s : shots) {
        ComparisonResult.Cell c = r.cell(m, s);
        boolean best = c != null && isBest(r, c);
        b.append(best ? "<td class=\"best\">" : "<td>").append(c == null ? "–" : pct(c.accuracyMean()) + " ± " + pct(c.accuracyStd()))
            .append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n<p class=\"muted\">Bold: the best mean at that shot count.</p>\n");

    b.append("<h2>Accuracy against shots</h2>\n");
    b.append(chart(r, "test accuracy (%)", c -> 100 * c.accuracyMean(), c -> 100 * c.accuracyStd(), false));
    b.append("<h2>Training time against shots</h2>\n");
    b.append(chart(r, "training time (s, log scale; median over seeds)", ComparisonResult.Cell::trainSecondsMedian, c -> 0, true));

    b.append("<table>\n<caption>Sparsity, coverage and time per run (means over seeds; time is the median)</caption>\n")
        .append("<tr><th>method</th><th>shots</th><th>non-zero weights</th><th>coverage (concepts to 90% of the logit)</th>")
        .append("<th>validation accuracy (%)</th><th>training time (s)</th><th>converged runs</th></tr>\n");
    for (String m : r.spec().methods()) {
      for (Shots s : shots) {
        ComparisonResult.Cell c = r.cell(m, s);
        if (c == null) {
          continue;
        }
        b.append("<tr><td>").append(esc(m)).append("</td><td>").append(esc(s.label())).append("</td><td>")
            .append(fmt(c.nonZerosMean(), 0)).append("</td><td>").append(fmt(c.coverageMean(), 1)).append("</td><td>")
            .append(pct(c.valAccuracyMean())).append("</td><td>").append(fmt(c.trainSecondsMedian(), 2)).append("</td><td>")
            .append(c.convergedRuns()).append(" / ").append(c.runs()).append("</td></tr>\n");
      }
    }
    b.append("</table>\n");

    b.append("<h2>Method options</h2>\n<ul>\n");
    for (String m : r.spec().methods()) {
      b.append("<li><b>").append(esc(m)).append("</b>: ");
      List<String> kv = new ArrayList<>();
      for (Map.Entry<String, String> e : r.methodOptions().getOrDefault(m, Map.of()).entrySet()) {
        boolean given = r.spec().optionsOf(m).containsKey(e.getKey());
        kv.add((given ? "<b>" : "") + esc(e.getKey()) + "=" + esc(e.getValue()) + (given ? "</b>" : ""));
      }
      b.append(kv.isEmpty() ? "(none)" : String.join(", ", kv)).append("</li>\n");
    }
    b.append("</ul>\n<p class=\"muted\">Bold options were set for this comparison; the rest are defaults. The few-shot splits are in ")
        .append("<code>splits/</code> beside this page.</p>\n</body>\n</html>\n");
    return b.toString();
  }

  private static boolean isBest(ComparisonResult r, ComparisonResult.Cell c) {
    for (String m : r.spec().methods()) {
      ComparisonResult.Cell o = r.cell(m, c.shots());
      if (o != null && o.accuracyMean() > c.accuracyMean()) {
        return false;
      }
    }
    return true;
  }

  private interface Value {
    double of(ComparisonResult.Cell c);
  }

  /** A line chart over the shot counts, one series per method, optional ± error bars. */
  static String chart(ComparisonResult r, String yLabel, Value value, Value error, boolean log) {
    List<Shots> shots = r.spec().shots();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (ComparisonResult.Cell c : r.cells()) {
      double v = value.of(c);
      double e = error.of(c);
      if (!Double.isFinite(v) || (log && v <= 0)) {
        continue;
      }
      lo = Math.min(lo, log ? v : v - e);
      hi = Math.max(hi, log ? v : v + e);
    }
    if (!Double.isFinite(lo)) {
      return "<p class=\"muted\">(nothing to plot)</p>\n";
    }
    double[] ticks;
    if (log) {
      double a = Math.floor(Math.log10(lo));
      double z = Math.ceil(Math.log10(hi));
      if (z <= a) {
        z = a + 1;
      }
      lo = a;
      hi = z;
      ticks = new double[(int) (z - a) + 1];
      for (int i = 0; i < ticks.length; i++) {
        ticks[i] = a + i;
      }
    } else {
      lo = Math.max(0, Math.floor(lo / 10) * 10);
      hi = Math.min(100, Math.ceil(hi / 10) * 10);
      if (hi <= lo) {
        hi = lo + 10;
      }
      double step = hi - lo > 50 ? 20 : hi - lo > 20 ? 10 : 5;
      int nt = (int) Math.round((hi - lo) / step) + 1;
      ticks = new double[nt];
      for (int i = 0; i < nt; i++) {
        ticks[i] = lo + i * step;
      }
    }
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    double ylo = lo;
    double yhi = hi;
    java.util.function.DoubleUnaryOperator y = v -> TOP + plotH * (1 - ((log ? Math.log10(v) : v) - ylo) / (yhi - ylo));
    java.util.function.IntToDoubleFunction x = i -> LEFT + (shots.size() == 1 ? plotW / 2 : plotW * i / (shots.size() - 1));
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
        W, H, W, H, esc(yLabel)));
    s.append("<g font-size=\"12\" fill=\"#333\">\n");
    for (double t : ticks) {
      double py = TOP + plotH * (1 - (t - ylo) / (yhi - ylo));
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n", LEFT, py, LEFT + plotW, py));
      String label = log ? fmtSeconds(Math.pow(10, t)) : fmt(t, 0);
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, py + 4, label));
    }
    for (int i = 0; i < shots.size(); i++) {
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", x.applyAsDouble(i),
          TOP + plotH + 18, esc(shots.get(i).label())));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">shots per class</text>%n", LEFT + plotW / 2, H - 8));
    s.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
        TOP + plotH / 2, esc(yLabel)));
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, TOP, plotW, plotH));
    s.append("</g>\n");
    List<String> methods = r.spec().methods();
    for (int mi = 0; mi < methods.size(); mi++) {
      String colour = COLOURS[mi % COLOURS.length];
      StringBuilder pts = new StringBuilder();
      StringBuilder marks = new StringBuilder();
      for (int i = 0; i < shots.size(); i++) {
        ComparisonResult.Cell c = r.cell(methods.get(mi), shots.get(i));
        if (c == null) {
          continue;
        }
        double v = value.of(c);
        if (!Double.isFinite(v) || (log && v <= 0)) {
          continue;
        }
        double px = x.applyAsDouble(i);
        double py = y.applyAsDouble(v);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        double e = error.of(c);
        if (e > 0) {
          double y1 = y.applyAsDouble(Math.min(yhi, v + e));
          double y2 = y.applyAsDouble(Math.max(ylo, v - e));
          marks.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", px, y1, px, y2, colour));
          marks.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", px - 4, y1, px + 4, y1, colour));
          marks.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", px - 4, y2, px + 4, y2, colour));
        }
        marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s, %s: %s</title></circle>%n",
            px, py, colour, esc(methods.get(mi)), esc(shots.get(i).label()), log ? fmtSeconds(v) : fmt(v, 2) + (e > 0 ? " ± " + fmt(e, 2) : "")));
      }
      s.append(String.format(Locale.ROOT, "<g class=\"series\" data-method=\"%s\">%n", esc(methods.get(mi))));
      if (pts.length() > 0) {
        s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, pts.toString().strip()));
      }
      s.append(marks);
      double ly = TOP + 14 + 20 * mi;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n",
          LEFT + plotW + 14, ly, LEFT + plotW + 38, ly, colour));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%s</text>%n", LEFT + plotW + 44, ly + 4, esc(methods.get(mi))));
      s.append("</g>\n");
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", 100 * v) : "n/a";
  }

  private static String fmt(double v, int digits) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "n/a";
  }

  private static String fmtSeconds(double v) {
    return v >= 1 ? String.format(Locale.ROOT, "%.0f", v)
        : new java.math.BigDecimal(String.format(Locale.ROOT, "%.2g", v)).stripTrailingZeros().toPlainString();
  }

  /** HTML-escapes text for element content and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
