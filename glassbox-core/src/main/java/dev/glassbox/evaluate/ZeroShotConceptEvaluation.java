package dev.glassbox.evaluate;

import dev.glassbox.encode.TextEncoder;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Zero-shot concept detection, as CLIP classifies zero-shot (Radford et al., 2021): an image's
 * score for a phrase is the cosine between its image embedding and the text tower's embedding of
 * the phrase; for each concept, ROC-AUC of that score against the concept's ground-truth presence
 * over the images. Each concept is scored with its canonical phrase and with each of its
 * paraphrases, so that a tower trained on captions with canonical phrases only can be checked for
 * generalisation through the text tower to words it never saw.
 *
 * <p>AUC is invariant to any per-phrase offset and scale of the scores, so the modality gap between
 * image and text embeddings does not affect it.
 */
public final class ZeroShotConceptEvaluation {
  private ZeroShotConceptEvaluation() {}

  /**
   * A concept and the phrasings to score it with.
   *
   * @param concept the concept's name (usually its canonical phrase)
   * @param canonical the phrase the tower was trained with
   * @param paraphrases other phrasings (possibly none)
   */
  public record ConceptPhrases(String concept, String canonical, List<String> paraphrases) {
    public ConceptPhrases {
      Objects.requireNonNull(concept, "concept");
      Objects.requireNonNull(canonical, "canonical");
      paraphrases = List.copyOf(paraphrases);
    }
  }

  /** The AUC of one phrase. */
  public record PhraseAuc(String phrase, double auc) {}

  /**
   * One concept's result.
   *
   * @param concept the concept's name
   * @param positives images showing the concept
   * @param canonical the canonical phrase's AUC
   * @param paraphrases each paraphrase's AUC, in the given order
   */
  public record ConceptResult(String concept, int positives, PhraseAuc canonical, List<PhraseAuc> paraphrases) {
    public ConceptResult {
      paraphrases = List.copyOf(paraphrases);
    }

    /** The mean AUC over this concept's paraphrases; NaN when it has none. */
    public double paraphraseMean() {
      return paraphrases.stream().mapToDouble(PhraseAuc::auc).average().orElse(Double.NaN);
    }
  }

  /**
   * The result over all concepts. Concepts that no image shows, or that every image shows, have no
   * AUC and are listed in {@code skipped}.
   *
   * @param concepts per-concept results, in input order, skipped concepts left out
   * @param skipped names of concepts without both positive and negative images
   * @param images images scored
   * @param promptTemplate the template the phrases were put into ({@code {}} marks the phrase)
   */
  public record Report(List<ConceptResult> concepts, List<String> skipped, int images, String promptTemplate) {
    public Report {
      concepts = List.copyOf(concepts);
      skipped = List.copyOf(skipped);
    }

    /** Mean canonical-phrase AUC over concepts. */
    public double canonicalMean() {
      return concepts.stream().mapToDouble(c -> c.canonical().auc()).average().orElse(Double.NaN);
    }

    public double canonicalMin() {
      return concepts.stream().mapToDouble(c -> c.canonical().auc()).min().orElse(Double.NaN);
    }

    public double canonicalMax() {
      return concepts.stream().mapToDouble(c -> c.canonical().auc()).max().orElse(Double.NaN);
    }

    /** Mean AUC over every paraphrase of every concept (concepts with more paraphrases weigh more). */
    public double paraphraseMean() {
      return concepts.stream().flatMap(c -> c.paraphrases().stream()).mapToDouble(PhraseAuc::auc).average().orElse(Double.NaN);
    }

    /** Mean over concepts of each concept's mean paraphrase AUC (concepts with paraphrases only). */
    public double paraphraseConceptMean() {
      return concepts.stream().filter(c -> !c.paraphrases().isEmpty()).mapToDouble(ConceptResult::paraphraseMean).average()
          .orElse(Double.NaN);
    }

    public double paraphraseMin() {
      return concepts.stream().flatMap(c -> c.paraphrases().stream()).mapToDouble(PhraseAuc::auc).min().orElse(Double.NaN);
    }

    /** Mean AUC over all phrases, canonical and paraphrased. */
    public double allPhrasesMean() {
      double s = 0;
      int n = 0;
      for (ConceptResult c : concepts) {
        s += c.canonical().auc();
        n++;
        for (PhraseAuc p : c.paraphrases()) {
          s += p.auc();
          n++;
        }
      }
      return n == 0 ? Double.NaN : s / n;
    }

    /** The number of paraphrases scored. */
    public int paraphraseCount() {
      return concepts.stream().mapToInt(c -> c.paraphrases().size()).sum();
    }

    /** The concept with the lowest canonical AUC. */
    public ConceptResult worstCanonical() {
      return concepts.stream().min((a, b) -> Double.compare(a.canonical().auc(), b.canonical().auc())).orElse(null);
    }
  }

  /**
   * Scores every concept's phrases against the ground truth.
   *
   * @param imageEmbeddings {@code [images × dim]}
   * @param presence {@code [images × concepts]}: 1 where the image shows the concept, 0 otherwise
   *     (columns in the order of {@code concepts})
   * @param concepts the concepts with their phrasings
   * @param text the text tower the image tower was aligned to
   * @param promptTemplate a template with one {@code {}} where the phrase goes; {@code "{}"} scores
   *     the bare phrase
   */
  public static Report evaluate(
      FloatMatrix imageEmbeddings, FloatMatrix presence, List<ConceptPhrases> concepts, TextEncoder text, String promptTemplate) {
    Objects.requireNonNull(imageEmbeddings, "imageEmbeddings");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(text, "text");
    if (!promptTemplate.contains("{}")) {
      throw new IllegalArgumentException("the prompt template \"" + promptTemplate + "\" has no {} where the phrase goes");
    }
    if (presence.rows() != imageEmbeddings.rows()) {
      throw new IllegalArgumentException("there are " + imageEmbeddings.rows() + " image embeddings but ground truth for "
          + presence.rows() + " images; they must match");
    }
    if (presence.cols() != concepts.size()) {
      throw new IllegalArgumentException("the ground truth has " + presence.cols() + " concepts but " + concepts.size()
          + " concepts were given; they must match");
    }
    if (text.dim() != imageEmbeddings.cols()) {
      throw new IllegalArgumentException("the image embeddings are " + imageEmbeddings.cols() + "-d but the text encoder '"
          + text.identity().name() + "' gives " + text.dim() + "-d; use the text tower the image tower was aligned to");
    }
    List<String> phrases = new ArrayList<>();
    for (ConceptPhrases c : concepts) {
      phrases.add(promptTemplate.replace("{}", c.canonical()));
      for (String p : c.paraphrases()) {
        phrases.add(promptTemplate.replace("{}", p));
      }
    }
    FloatMatrix t = text.encode(phrases);
    FloatMatrix sim = Kernels.multiplyTransposed(unitRows(imageEmbeddings), unitRows(t));
    int n = imageEmbeddings.rows();
    float[] scores = new float[n];
    boolean[] truth = new boolean[n];
    List<ConceptResult> results = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int col = 0;
    for (int k = 0; k < concepts.size(); k++) {
      ConceptPhrases c = concepts.get(k);
      int pos = 0;
      for (int i = 0; i < n; i++) {
        truth[i] = presence.get(i, k) > 0.5f;
        if (truth[i]) {
          pos++;
        }
      }
      int phraseCount = 1 + c.paraphrases().size();
      if (pos == 0 || pos == n) {
        skipped.add(c.concept());
        col += phraseCount;
        continue;
      }
      PhraseAuc canonical = null;
      List<PhraseAuc> paras = new ArrayList<>();
      for (int p = 0; p < phraseCount; p++, col++) {
        for (int i = 0; i < n; i++) {
          scores[i] = sim.get(i, col);
        }
        double auc = RocAuc.of(scores, truth);
        if (p == 0) {
          canonical = new PhraseAuc(c.canonical(), auc);
        } else {
          paras.add(new PhraseAuc(c.paraphrases().get(p - 1), auc));
        }
      }
      results.add(new ConceptResult(c.concept(), pos, canonical, paras));
    }
    return new Report(results, skipped, n, promptTemplate);
  }

  private static FloatMatrix unitRows(FloatMatrix m) {
    float[] d = Arrays.copyOf(m.data(), m.data().length);
    int c = m.cols();
    for (int r = 0; r < m.rows(); r++) {
      double s = 0;
      for (int j = 0; j < c; j++) {
        s += (double) d[r * c + j] * d[r * c + j];
      }
      float inv = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
      for (int j = 0; j < c; j++) {
        d[r * c + j] *= inv;
      }
    }
    return FloatMatrix.wrap(m.rows(), c, d);
  }
}
