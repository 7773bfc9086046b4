package dev.glassbox.cli.demo;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.evaluate.ZeroShotConceptEvaluation;
import dev.glassbox.explain.Contribution;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.Explanation;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Provenance;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldExport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The demo's model card: one self-contained HTML page (inline CSS, inline SVG charts, images as
 * data URLs; nothing is loaded from anywhere else, so it opens offline).
 */
final class DemoReport {
  private DemoReport() {}

  static String html(World world, WorldExport export, ConceptBottleneckModel model, DemoMetrics dm, Map<String, Object> json,
      Dataset data, FloatMatrix images) throws IOException {
    StringBuilder h = new StringBuilder(1 << 20);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.append("<title>Glassbox demo — concept world model card</title><style>").append(CSS).append("</style></head><body>\n");
    h.append("<header><h1>Glassbox demo: a concept bottleneck model of the concept world</h1>");
    h.append("<p>Procedural birds with known concepts, embedded by the shipped world image tower; candidate concepts cut from the "
        + "field guide and embedded by all-MiniLM-L6-v2; Label-free CBM's filters; LaBo's submodular selection; a sparse "
        + "elastic-net head. Every number below is measured against the world's ground truth.</p></header>\n");

    h.append("<section id=\"summary\"><h2>Summary</h2><table class=\"kv\">");
    row(h, "Test accuracy (top-1)", pct(dm.testAccuracy()));
    row(h, "Validation accuracy", pct(num(json.get("val_accuracy"))));
    row(h, "Dense L2 baseline, validation", pct(num(json.get("dense_val_accuracy"))));
    row(h, "Species", String.valueOf(model.numClasses()));
    row(h, "Concepts in the head", String.valueOf(model.numConcepts()));
    row(h, "Non-zero weights per species (mean)", String.format(Locale.ROOT, "%.1f", model.head().nonZeros() / (double) model.numClasses()));
    row(h, "Species whose top 3 concepts are true visual concepts", pct(dm.speciesTop3Share()));
    row(h, "Non-visual statements dropped before the head", pct(dm.nonVisualDroppedShare())
        + " (" + dm.nonVisualDropped() + " of " + dm.nonVisualCandidates() + ")");
    row(h, "Visual concepts named by the field guide that reach the head", pct(dm.visualConceptsKept() / (double) Math.max(1,
        dm.visualConceptsMentioned())) + " (" + dm.visualConceptsKept() + " of " + dm.visualConceptsMentioned() + ")");
    row(h, "Visual concept phrases kept", pct(dm.visualKeptShare()) + " (" + dm.visualKept() + " of " + dm.visualCandidates() + ")");
    row(h, "Image tower: zero-shot concept detection AUC (canonical phrases, mean)", f3(dm.tower().canonicalMean()));
    row(h, "Image tower: zero-shot AUC of paraphrases (mean)", f3(dm.tower().paraphraseMean()));
    row(h, "Head concepts: activation AUC against presence (test, mean)", f3(dm.conceptAucMean()));
    h.append("</table></section>\n");

    h.append("<section id=\"pipeline\"><h2>Pipeline</h2><ol>");
    h.append("<li><b>World</b>: ").append(world.species().size()).append(" species × ").append(world.config().imagesPerSpecies())
        .append(" images at ").append(world.config().imageSize()).append(" px (seed ").append(world.config().seed()).append("); ")
        .append(data.indices(Split.TRAIN).length).append(" train, ").append(data.indices(Split.VALIDATION).length).append(" validation, ")
        .append(data.indices(Split.TEST).length).append(" test.</li>");
    h.append("<li><b>Candidates</b>: ").append(dm.filtered().report().candidates()).append(" phrases from the field guide (")
        .append(dm.visualCandidates()).append(" naming visual concepts, ").append(dm.paraphrasedCandidates()).append(" of them paraphrased; ")
        .append(dm.nonVisualCandidates()).append(" from non-visual statements).</li>");
    h.append("<li><b>Filters</b> (Label-free CBM): kept ").append(dm.filtered().report().kept()).append("; dropped ");
    boolean first = true;
    for (Map.Entry<String, Integer> e : dm.filtered().report().droppedPerFilter().entrySet()) {
      h.append(first ? "" : ", ").append(e.getValue()).append(" by ").append(esc(e.getKey()));
      first = false;
    }
    h.append(". Every drop, with its reason and score, is in <code>filter-report.json</code>.</li>");
    h.append("<li><b>Selection</b> (LaBo, submodular, per-species budget): ").append(model.numConcepts()).append(" of the ")
        .append(dm.filtered().report().kept()).append(" kept concepts enter the bottleneck.</li>");
    h.append("<li><b>Head</b>: sparse elastic net with the language prior (a species weighs only its own field-guide concepts), "
        + "selected point λ = ").append(String.format(Locale.ROOT, "%.3g", num(dm.trained().metrics().get("selected_lambda"))))
        .append(", ").append(model.head().nonZeros()).append(" non-zero weights.</li></ol></section>\n");

    h.append("<section id=\"species\"><h2>Each species' top concepts</h2><p class=\"note\">Largest positive weights; ✓ marks a visual "
        + "concept most birds of the species really show, ✗ anything else.</p><div class=\"grid\">");
    int[] firstImage = new int[model.numClasses()];
    java.util.Arrays.fill(firstImage, -1);
    int[] test = data.indices(Split.TEST);
    for (int i : test) {
      if (firstImage[data.labels()[i]] < 0) {
        firstImage[data.labels()[i]] = i;
      }
    }
    for (int s = 0; s < model.numClasses(); s++) {
      h.append("<div class=\"card species\"><h3>").append(esc(model.classNames().get(s))).append(dm.speciesTop3().get(s) ? " <span class=\"ok\">✓</span>" : " <span class=\"bad\">✗</span>").append("</h3>");
      if (firstImage[s] >= 0) {
        h.append("<img alt=\"").append(esc(model.classNames().get(s))).append("\" src=\"").append(png(export.image(firstImage[s]))).append("\">");
      }
      List<DemoMetrics.TopConcept> top = dm.speciesTop().get(s);
      float max = 0;
      for (DemoMetrics.TopConcept t : top) {
        max = Math.max(max, t.weight());
      }
      h.append("<table class=\"weights\">");
      for (DemoMetrics.TopConcept t : top.subList(0, Math.min(5, top.size()))) {
        h.append("<tr><td>").append(t.trueVisual() ? "<span class=\"ok\">✓</span>" : "<span class=\"bad\">✗</span>").append("</td><td>")
            .append(esc(t.concept())).append("</td><td>").append(bar(t.weight(), max, 90)).append("</td><td class=\"num\">")
            .append(String.format(Locale.ROOT, "%.2f", t.weight())).append("</td></tr>");
      }
      h.append("</table></div>");
    }
    h.append("</div></section>\n");

    h.append("<section id=\"examples\"><h2>Example predictions</h2><p class=\"note\">Test images with each concept's contribution "
        + "(activation × weight) to the predicted species' logit. A negative activation reads “NOT concept”.</p><div class=\"grid\">");
    int shown = 0;
    for (int s = 0; s < model.numClasses() && shown < 8; s += 3) {
      int i = firstImage[s];
      if (i < 0) {
        continue;
      }
      float[] x = images.row(i);
      Explanation e = Explainer.explain(model, x, 6, -1);
      String truth = model.classNames().get(data.labels()[i]);
      boolean right = e.predictedClass().equals(truth);
      h.append("<div class=\"card example\"><img alt=\"").append(esc(truth)).append("\" src=\"").append(png(export.image(i))).append("\">");
      h.append("<p><b>").append(esc(e.predictedClass())).append("</b> ").append(pct(e.probabilities()[e.predicted()]))
          .append(right ? " <span class=\"ok\">correct</span>" : " <span class=\"bad\">true: " + esc(truth) + "</span>").append("</p>");
      h.append(contributionChart(e));
      h.append("</div>");
      shown++;
    }
    h.append("</div></section>\n");

    h.append("<section id=\"detection\"><h2>Concept detection against ground truth</h2>");
    h.append("<p class=\"note\">Zero-shot: ROC-AUC of the cosine between each image and the concept's phrase, over all ")
        .append(dm.tower().images()).append(" images of this world (the image tower never saw it). Paraphrases never appear in "
        + "the tower's training captions. Head: ROC-AUC of the bottleneck's activation of each concept in the head against the "
        + "concept's presence on test images.</p>");
    h.append("<table class=\"auc\"><tr><th>Concept</th><th>AUC (canonical)</th><th>Paraphrases (AUC)</th></tr>");
    for (ZeroShotConceptEvaluation.ConceptResult r : dm.tower().concepts()) {
      h.append("<tr><td>").append(esc(r.concept())).append("</td><td class=\"num\">").append(f3(r.canonical().auc())).append("</td><td>");
      boolean f = true;
      for (ZeroShotConceptEvaluation.PhraseAuc p : r.paraphrases()) {
        h.append(f ? "" : ", ").append(esc(p.phrase())).append(" ").append(f3(p.auc()));
        f = false;
      }
      h.append("</td></tr>");
    }
    h.append("</table><h3>Head concepts</h3><table class=\"auc\"><tr><th>Concept</th><th>Activation AUC (test)</th></tr>");
    for (Map.Entry<String, Double> e : dm.conceptAuc().entrySet()) {
      h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"num\">").append(f3(e.getValue())).append("</td></tr>");
    }
    h.append("</table></section>\n");

    Provenance p = model.provenance();
    h.append("<section id=\"provenance\"><h2>Provenance</h2><table class=\"kv\">");
    row(h, "Glassbox", esc(p.glassboxVersion() + " (commit " + p.glassboxCommit() + ")"));
    row(h, "Java / OS", esc(p.java() + " / " + p.os()));
    row(h, "Method", esc(p.method()));
    row(h, "Seed", String.valueOf(p.seed()));
    row(h, "Dataset fingerprint", "<code>" + esc(p.datasetFingerprint()) + "</code>");
    row(h, "Concept set hash", "<code>" + esc(p.conceptSetHash()) + "</code>");
    row(h, "Image encoder", esc(String.valueOf(data.metadata().get("encoder"))));
    row(h, "Text encoder", esc(p.encoder() == null ? "" : p.encoder().name() + " " + p.encoder().sha256()));
    row(h, "Configuration", "<pre>" + esc(dev.glassbox.io.Json.string(p.config())) + "</pre>");
    h.append("</table></section>\n</body></html>\n");
    return h.toString();
  }

  private static String contributionChart(Explanation e) {
    List<Contribution> cs = e.contributions();
    float max = 1e-6f;
    for (Contribution c : cs) {
      max = Math.max(max, Math.abs(c.contribution()));
    }
    int rowH = 18;
    int width = 300;
    int labelW = 150;
    int half = (width - labelW) / 2;
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"bars\" width=\"").append(width).append("\" height=\"").append(rowH * cs.size() + 4)
        .append("\" role=\"img\" aria-label=\"concept contributions\">");
    for (int i = 0; i < cs.size(); i++) {
      Contribution c = cs.get(i);
      int y = i * rowH + 2;
      int len = Math.round(Math.abs(c.contribution()) / max * (half - 4));
      int x0 = labelW + half;
      int x = c.contribution() >= 0 ? x0 : x0 - len;
      s.append("<text x=\"0\" y=\"").append(y + 12).append("\" class=\"lbl\">").append(esc(c.label())).append("</text>");
      s.append("<rect x=\"").append(x).append("\" y=\"").append(y + 2).append("\" width=\"").append(Math.max(1, len))
          .append("\" height=\"").append(rowH - 6).append("\" class=\"").append(c.contribution() >= 0 ? "pos" : "neg").append("\">")
          .append("<title>").append(esc(c.label())).append(String.format(Locale.ROOT, ": %.3f × %.3f = %.3f", c.activation(), c.weight(),
              c.contribution())).append("</title></rect>");
    }
    s.append("<line x1=\"").append(labelW + half).append("\" x2=\"").append(labelW + half).append("\" y1=\"0\" y2=\"")
        .append(rowH * cs.size() + 4).append("\" class=\"axis\"/></svg>");
    return s.toString();
  }

  private static String bar(float v, float max, int width) {
    int len = max <= 0 ? 0 : Math.round(v / max * width);
    return "<svg width=\"" + width + "\" height=\"10\"><rect x=\"0\" y=\"1\" width=\"" + Math.max(1, len) + "\" height=\"8\" class=\"pos\"/></svg>";
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><th>").append(k).append("</th><td>").append(v).append("</td></tr>");
  }

  private static String png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "n/a";
  }

  private static String f3(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1200px;padding:1rem 2rem;color:#1d2330;background:#fbfbfd}",
      "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:2px solid #dde;padding-bottom:.2rem;margin-top:2rem}",
      "h3{font-size:1rem;margin:.3rem 0}.note{color:#556;font-size:.9rem}",
      "table.kv th{text-align:left;font-weight:500;padding:.2rem 1rem .2rem 0;color:#334}table.kv td{padding:.2rem 0}",
      ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:1rem}",
      ".card{background:#fff;border:1px solid #e2e4ee;border-radius:8px;padding:.6rem}",
      ".card img{width:128px;height:128px;image-rendering:pixelated;border-radius:4px;display:block;margin-bottom:.4rem}",
      ".example img{width:192px;height:192px}",
      "table.weights{font-size:.85rem;border-collapse:collapse}table.weights td{padding:1px 4px}",
      "td.num{text-align:right;font-variant-numeric:tabular-nums}",
      ".ok{color:#16803c;font-weight:600}.bad{color:#b3261e;font-weight:600}",
      "svg rect.pos{fill:#2f6fdb}svg rect.neg{fill:#d9534f}svg .lbl{font-size:11px;fill:#223}svg .axis{stroke:#889}",
      "table.auc{border-collapse:collapse;font-size:.85rem}table.auc td,table.auc th{border-bottom:1px solid #eee;padding:2px 8px;text-align:left}",
      "pre{font-size:.75rem;white-space:pre-wrap;max-height:20rem;overflow:auto;background:#f3f4f8;padding:.5rem}");
}
