package dev.glassbox.concepts.filter;

import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Drops concepts that restate a class name, which would leak the label into the bottleneck
 * (Label-free CBM, Oikarinen et al., ICLR 2023, "class similarity" step of its concept-set
 * processor).
 *
 * <ul>
 *   <li><b>Exact match</b>: the concept equals a class name after lower-casing, turning {@code _}
 *       and {@code -} into spaces, dropping punctuation, dropping a leading "a", "an" or "the", and
 *       reducing each word to a stem its singular and plural share ({@link #canonical}).
 *   <li><b>Similarity</b>: the cosine between the concept's and a class name's normalised text
 *       embeddings is at least {@code similarityThreshold}. Label-free CBM uses 0.85 on
 *       {@code (mpnet·mpnet + 3·clip·clip)/4}, averaging two encoders (all-mpnet-base-v2 and CLIP
 *       ViT-B/16's text tower, CLIP weighted 3× because mpnet's similarities spread more). Glassbox
 *       uses the one text encoder the candidates were embedded with, so the same number is not
 *       calibrated the same way: a single sentence encoder such as all-MiniLM-L6-v2 spreads
 *       similarities more than the blend, CLIP's text tower less. Tune it per encoder.
 * </ul>
 *
 * @param similarityThreshold drop a concept whose cosine with any class name is ≥ this, in
 *     [-1, 1], or NaN for exact matches only. Default 0.85, Label-free CBM's {@code CLASS_SIM_CUTOFF}
 */
public record ClassNameFilter(double similarityThreshold) implements ConceptFilter {
  private static final Map<String, String> IRREGULAR = Map.ofEntries(
      Map.entry("men", "man"), Map.entry("women", "woman"), Map.entry("geese", "goose"), Map.entry("mice", "mouse"),
      Map.entry("feet", "foot"), Map.entry("teeth", "tooth"), Map.entry("children", "child"), Map.entry("oxen", "ox"),
      Map.entry("people", "person"), Map.entry("lice", "louse"), Map.entry("leaves", "leaf"), Map.entry("wolves", "wolf"),
      Map.entry("knives", "knife"), Map.entry("wives", "wife"), Map.entry("lives", "life"), Map.entry("calves", "calf"),
      Map.entry("halves", "half"), Map.entry("shelves", "shelf"), Map.entry("loaves", "loaf"), Map.entry("elves", "elf"));

  public ClassNameFilter {
    if (!Double.isNaN(similarityThreshold) && !(similarityThreshold >= -1 && similarityThreshold <= 1)) {
      throw new IllegalArgumentException(
          "class-name filter similarityThreshold must be in [-1, 1] (or NaN for exact matches only), got " + similarityThreshold);
    }
  }

  public static ClassNameFilter defaults() {
    return new ClassNameFilter(0.85);
  }

  /** Exact matches only: no class-name embeddings needed. */
  public static ClassNameFilter exactOnly() {
    return new ClassNameFilter(Double.NaN);
  }

  @Override
  public String name() {
    return "class-name";
  }

  @Override
  public FilterResult apply(ConceptEmbeddings candidates, FilterContext context) {
    Filters.requireCandidates(candidates, name());
    List<String> classes = context == null ? List.of() : context.classNames();
    if (classes.isEmpty()) {
      throw new IllegalArgumentException(
          "classNames: the class-name filter compares concepts with class names, but the filter context has none; "
              + "give them with FilterContext.of(classNames)");
    }
    boolean bySimilarity = !Double.isNaN(similarityThreshold);
    FloatMatrix classEmb = context.classNameEmbeddings();
    if (bySimilarity && classEmb == null) {
      throw new IllegalArgumentException(
          "classNameEmbeddings: the class-name filter compares concept and class-name embeddings (threshold " + similarityThreshold
              + "), but the filter context has none; encode the class names with the candidates' text encoder, "
              + "or use ClassNameFilter.exactOnly()");
    }
    if (bySimilarity && classEmb.cols() != candidates.dim()) {
      throw new IllegalArgumentException(
          "classNameEmbeddings: the class-name embeddings are " + classEmb.cols() + "-d but the candidate embeddings are "
              + candidates.dim() + "-d; encode both with the same text encoder");
    }
    Map<String, String> canonicalClass = new HashMap<>();
    for (String c : classes) {
      canonicalClass.putIfAbsent(canonical(c), c);
    }
    int n = candidates.concepts().size();
    boolean[] drop = new boolean[n];
    List<DroppedConcept> dropped = new ArrayList<>();
    FloatMatrix unit = bySimilarity ? Filters.unitRows(candidates, name()) : null;
    FloatMatrix unitClasses = bySimilarity ? Matrices.normalizeRows(classEmb) : null;
    int ny = classes.size();
    int block = Math.max(1, Math.min(n, (1 << 22) / ny));
    float[] sim = bySimilarity ? new float[block * ny] : null;
    for (int b0 = 0; b0 < n; b0 += block) {
      int rows = Math.min(block, n - b0);
      if (bySimilarity) {
        Kernels.gemm(false, true, rows, ny, candidates.dim(), 1f, unit.data(), b0 * unit.cols(), unit.cols(),
            unitClasses.data(), 0, unitClasses.cols(), 0f, sim, 0, ny);
      }
      for (int r = 0; r < rows; r++) {
        int i = b0 + r;
        String text = candidates.concepts().get(i).text();
        String match = canonicalClass.get(canonical(text));
        if (match != null) {
          drop[i] = true;
          dropped.add(new DroppedConcept(candidates.concepts().get(i), name(), DropReason.CLASS_NAME, 1, 1,
              "the same as class " + Filters.quote(match) + " up to case, articles and plural"));
          continue;
        }
        if (bySimilarity) {
          int best = 0;
          for (int y = 1; y < ny; y++) {
            if (sim[r * ny + y] > sim[r * ny + best]) {
              best = y;
            }
          }
          float s = sim[r * ny + best];
          if (s >= similarityThreshold) {
            drop[i] = true;
            dropped.add(new DroppedConcept(candidates.concepts().get(i), name(), DropReason.SIMILAR_TO_CLASS_NAME, s, similarityThreshold,
                "cosine " + Filters.fmt(s) + " with class " + Filters.quote(classes.get(best)) + ", at least " + similarityThreshold));
          }
        }
      }
    }
    return Filters.result(name(), candidates, drop, dropped);
  }

  /**
   * The form in which concepts and class names are compared: lower case, {@code _}/{@code -} as
   * spaces, punctuation dropped, whitespace collapsed, a leading article removed, and each word
   * reduced to a stem that its singular and plural share ({@code "The Fire-Engines"} and
   * {@code "fire engine"} meet). Only for comparison; never shown.
   */
  public static String canonical(String s) {
    String t = s.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
    StringBuilder b = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      b.append(Character.isLetterOrDigit(c) || Character.isWhitespace(c) ? c : ' ');
    }
    String[] words = b.toString().strip().split("\\s+");
    StringBuilder out = new StringBuilder();
    int start = words.length > 1 && (words[0].equals("a") || words[0].equals("an") || words[0].equals("the")) ? 1 : 0;
    for (int i = start; i < words.length; i++) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(stem(words[i]));
    }
    return out.toString();
  }

  /**
   * A stem that a noun and its plural share: irregular plurals from a table, "ies" → "y", a final
   * "s" dropped (not after "s", "u" or "i"), then a final "e" dropped, so that "boxes"/"box",
   * "prizes"/"prize", "churches"/"church" and "eyes"/"eye" meet.
   */
  private static String stem(String w) {
    String irregular = IRREGULAR.get(w);
    if (irregular != null) {
      w = irregular;
    }
    int n = w.length();
    if (n > 4 && w.endsWith("ies")) {
      return w.substring(0, n - 3) + "y";
    }
    if (n > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      w = w.substring(0, --n);
    }
    if (n > 3 && w.endsWith("e")) {
      w = w.substring(0, n - 1);
    }
    return w;
  }
}
