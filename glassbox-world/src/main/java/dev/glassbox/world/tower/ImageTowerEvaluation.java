package dev.glassbox.world.tower;

import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.evaluate.ZeroShotConceptEvaluation;
import dev.glassbox.evaluate.ZeroShotConceptEvaluation.ConceptPhrases;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.world.ConceptCatalog;
import dev.glassbox.world.Paraphrases;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConcept;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Measures an image tower on a concept world with exact ground truth: zero-shot concept detection
 * ({@link ZeroShotConceptEvaluation}: per concept, ROC-AUC of the cosine with the canonical phrase
 * and with each of its {@link Paraphrases paraphrases}, which captions never use), zero-shot
 * species classification (CLIP's "a photo of a {class}" prompt, for information: the species'
 * names were never in a caption) and species retrieval (share of images whose nearest other image
 * by cosine is of the same species).
 */
public final class ImageTowerEvaluation {
  /** CLIP's basic zero-shot prompt (Radford et al., 2021), used for species. */
  public static final String SPECIES_PROMPT = "a photo of a {}";

  private ImageTowerEvaluation() {}

  /**
   * The result of an evaluation.
   *
   * @param concepts per-concept AUCs, canonical and paraphrased
   * @param speciesZeroShotAccuracy share of images whose most similar species prompt is their species
   * @param speciesRetrievalAccuracy share of images whose nearest other image is of the same species
   * @param images images evaluated
   * @param worldSeed the evaluated world's seed
   */
  public record Report(
      ZeroShotConceptEvaluation.Report concepts, double speciesZeroShotAccuracy, double speciesRetrievalAccuracy, int images,
      long worldSeed) {}

  /** Every world concept with its canonical phrase and paraphrases, in catalogue order. */
  public static List<ConceptPhrases> conceptPhrases() {
    List<ConceptPhrases> out = new ArrayList<>();
    for (WorldConcept c : ConceptCatalog.all()) {
      out.add(new ConceptPhrases(c.phrase(), c.phrase(), Paraphrases.of(c)));
    }
    return out;
  }

  /** Renders every image of {@code world}, embeds it with {@code image} and evaluates it. */
  public static Report evaluate(World world, ImageEncoder image, TextEncoder text, ProgressListener progress) {
    Objects.requireNonNull(world, "world");
    progress = progress == null ? ProgressListener.NONE : progress;
    int n = world.size();
    FloatMatrix emb = FloatMatrix.zeros(n, image.dim());
    int chunk = 64;
    for (int start = 0; start < n; start += chunk) {
      int m = Math.min(chunk, n - start);
      List<BufferedImage> batch = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        batch.add(world.render(start + i).image());
      }
      FloatMatrix e = image.encode(batch);
      System.arraycopy(e.data(), 0, emb.data(), start * image.dim(), m * image.dim());
      progress.progress("embed held-out images", start + m, n);
    }
    return evaluate(world, emb, text);
  }

  /** Evaluates precomputed embeddings {@code [world.size() × dim]} of {@code world}'s images. */
  public static Report evaluate(World world, FloatMatrix embeddings, TextEncoder text) {
    if (embeddings.rows() != world.size()) {
      throw new IllegalArgumentException("there are " + embeddings.rows() + " embeddings for a world of " + world.size() + " images");
    }
    FloatMatrix presence = world.groundTruth(0.5).itemConcepts();
    ZeroShotConceptEvaluation.Report concepts =
        ZeroShotConceptEvaluation.evaluate(embeddings, presence, conceptPhrases(), text, "{}");
    int[] labels = world.labels();
    List<String> prompts = new ArrayList<>();
    for (String name : world.speciesNames()) {
      prompts.add(SPECIES_PROMPT.replace("{}", name));
    }
    FloatMatrix sp = Kernels.multiplyTransposed(embeddings, text.encode(prompts));
    int zeroShot = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int s = 1; s < sp.cols(); s++) {
        if (sp.get(i, s) > sp.get(i, best)) {
          best = s;
        }
      }
      if (best == labels[i]) {
        zeroShot++;
      }
    }
    FloatMatrix self = Kernels.multiplyTransposed(embeddings, embeddings);
    int retrieval = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = -1;
      for (int j = 0; j < labels.length; j++) {
        if (j != i && (best < 0 || self.get(i, j) > self.get(i, best))) {
          best = j;
        }
      }
      if (best >= 0 && labels[best] == labels[i]) {
        retrieval++;
      }
    }
    return new Report(concepts, zeroShot / (double) labels.length, retrieval / (double) labels.length, labels.length,
        world.config().seed());
  }
}
