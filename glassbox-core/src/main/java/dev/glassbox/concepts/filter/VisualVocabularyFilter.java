package dev.glassbox.concepts.filter;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops a concept whose wording is about something no picture shows: its text embedding is
 * compared with two small vocabularies of generic English, one naming appearance (colours,
 * patterns, shapes, sizes, markings, body parts) and one naming what cannot be seen (sound,
 * smell, taste, food, habitat, season, behaviour, movement, history, price). The margin
 *
 * <pre>  m(c) = max_v cos(t_c, t_v) − max_n cos(t_c, t_n)</pre>
 *
 * over appearance words {@code v} and non-appearance words {@code n} is kept when {@code m > minMargin}.
 * This is a text-only test, Glassbox's own (Label-free CBM relies on its image-side cut-offs and
 * keeps non-visual phrases such as "a loud cawing sound", methods.md §8): a sentence encoder knows
 * that "sings at dawn" is about sound and "nests in reeds" about a place even when its images
 * happen to correlate with them, which image-side statistics cannot tell. The vocabularies are
 * domain-free, so the filter works for any classes; the encoder must be the one that embedded the
 * candidates.
 *
 * @param minMargin the smallest margin kept, in cosine units. Default −0.05 (a phrase is kept
 *     unless it is clearly closer to non-appearance words)
 * @param appearance the appearance vocabulary embedded by the candidates' text encoder
 * @param nonAppearance the non-appearance vocabulary embedded by the same encoder
 */
public record VisualVocabularyFilter(double minMargin, ConceptEmbeddings appearance, ConceptEmbeddings nonAppearance)
    implements ConceptFilter {

  /** Words for what a picture shows. */
  public static final List<String> APPEARANCE = List.of(
      "a colour", "a bright colour", "a dark colour", "a pale colour", "a pattern", "stripes", "spots", "a shape", "a long shape",
      "a short shape", "a pointed shape", "a round shape", "a curved shape", "a large size", "a small size", "a marking",
      "a patch of colour", "a texture", "a part of the body", "the head", "white", "black", "red", "yellow", "blue", "green",
      "brown", "grey");

  /** Words for what a picture does not show. */
  public static final List<String> NON_APPEARANCE = List.of(
      "a sound", "a song", "a call", "a smell", "a taste", "food", "what it eats", "where it lives", "a habitat", "a place",
      "a season", "the weather", "a behaviour", "how it moves", "a home", "a time of day", "a journey", "a feeling", "a name",
      "a history", "a price", "its use");

  /** Default margin (see the class comment). */
  public static final double DEFAULT_MARGIN = -0.05;

  public VisualVocabularyFilter {
    if (!Double.isFinite(minMargin)) {
      throw new IllegalArgumentException("visual-vocabulary minMargin must be finite, got " + minMargin);
    }
    if (appearance.concepts().size() == 0 || nonAppearance.concepts().size() == 0) {
      throw new IllegalArgumentException("visual-vocabulary: both vocabularies need at least one phrase");
    }
    if (appearance.dim() != nonAppearance.dim()) {
      throw new IllegalArgumentException("visual-vocabulary: the vocabularies are " + appearance.dim() + "-d and " + nonAppearance.dim()
          + "-d; embed both with the candidates' text encoder");
    }
  }

  /** The default vocabularies embedded by {@code encoder} (the candidates' text encoder). */
  public static VisualVocabularyFilter encode(TextEncoder encoder, double minMargin) {
    return new VisualVocabularyFilter(minMargin,
        new ConceptEmbeddings(ConceptSet.ofTexts(APPEARANCE), encoder.encode(APPEARANCE), encoder.identity()),
        new ConceptEmbeddings(ConceptSet.ofTexts(NON_APPEARANCE), encoder.encode(NON_APPEARANCE), encoder.identity()));
  }

  @Override
  public String name() {
    return "visual-vocabulary";
  }

  /** The margin of each candidate, in order. */
  public double[] margins(ConceptEmbeddings candidates) {
    if (candidates.dim() != appearance.dim()) {
      throw new IllegalArgumentException("candidates: the concept embeddings are " + candidates.dim() + "-d but the " + name()
          + " vocabularies are " + appearance.dim() + "-d; build the filter with the candidates' text encoder");
    }
    FloatMatrix v = Matrices.cosine(candidates.embeddings(), appearance.embeddings());
    FloatMatrix n = Matrices.cosine(candidates.embeddings(), nonAppearance.embeddings());
    double[] out = new double[candidates.concepts().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = max(v, i) - max(n, i);
    }
    return out;
  }

  private static double max(FloatMatrix m, int row) {
    double best = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < m.cols(); j++) {
      best = Math.max(best, m.get(row, j));
    }
    return best;
  }

  @Override
  public FilterResult apply(ConceptEmbeddings candidates, FilterContext context) {
    Filters.requireCandidates(candidates, name());
    double[] m = margins(candidates);
    boolean[] drop = new boolean[m.length];
    List<DroppedConcept> dropped = new ArrayList<>();
    for (int i = 0; i < m.length; i++) {
      if (!(m[i] > minMargin)) {
        drop[i] = true;
        dropped.add(new DroppedConcept(candidates.concepts().get(i), name(), DropReason.NON_VISUAL_WORDING, m[i], minMargin,
            "its wording is " + Filters.fmt(-m[i]) + " closer (in cosine) to words for what cannot be seen than to words for appearance"));
      }
    }
    return Filters.result(name(), candidates, drop, dropped);
  }
}
