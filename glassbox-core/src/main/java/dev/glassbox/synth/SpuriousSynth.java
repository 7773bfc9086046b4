package dev.glassbox.synth;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.GroundTruth;
import dev.glassbox.data.Split;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic world with a distribution shift through spurious concepts, for measuring global model
 * edits (Post-hoc CBM's Metashift experiments, in miniature). Each class {@code c} gets a spurious
 * concept {@code s_c}, a concept that is no class's true concept. In the training and validation
 * splits an item of class {@code c} also shows {@code s_c} with probability {@code trainRate}; in
 * the test split an item shows, with probability {@code testRate}, the spurious concept of a class
 * drawn uniformly, independent of its own. So {@code s_c} predicts class {@code c} during training
 * but says nothing about it at test time, and a model that leans on it loses accuracy under the
 * shift. The per-item ground truth marks the spurious concepts where they are shown, so concept
 * activation vectors can be learned for them.
 */
public final class SpuriousSynth {
  private SpuriousSynth() {}

  /**
   * A generated shifted world.
   *
   * @param data the dataset (with the spurious concepts added), concepts and true directions
   * @param spurious for each class, the index of its spurious concept
   */
  public record SpuriousData(SynthData data, int[] spurious) {}

  /**
   * Generates {@code base} and adds the spurious concepts. Needs at least as many concepts outside
   * every class's truth as there are classes, and per-item ground truth (items × concepts ≤ 20M).
   *
   * @param trainRate chance that a training or validation item shows its class's spurious concept, [0, 1]
   * @param testRate chance that a test item shows a random class's spurious concept, [0, 1]
   */
  public static SpuriousData generate(SynthConfig base, double trainRate, double testRate) {
    if (!(trainRate >= 0 && trainRate <= 1) || !(testRate >= 0 && testRate <= 1)) {
      throw new IllegalArgumentException("spurious rates must be in [0, 1], got " + trainRate + " and " + testRate);
    }
    SynthData sd = SynthGenerator.generate(base);
    Dataset d = sd.dataset();
    GroundTruth gt = d.groundTruth();
    if (gt.itemConcepts() == null) {
      throw new IllegalArgumentException("spurious synth needs per-item ground truth; use items × concepts ≤ 20,000,000");
    }
    int c = d.numClasses();
    boolean[] used = new boolean[base.concepts()];
    for (int[] tc : gt.classConcepts()) {
      for (int j : tc) {
        used[j] = true;
      }
    }
    int[] spurious = new int[c];
    int next = 0;
    for (int cl = 0; cl < c; cl++) {
      while (next < used.length && used[next]) {
        next++;
      }
      if (next >= used.length) {
        throw new IllegalArgumentException("spurious synth needs " + c + " concepts outside every class's truth but only " + cl
            + " are; raise the number of concepts");
      }
      spurious[cl] = next++;
    }
    SplittableRandom r = new SplittableRandom(base.seed() ^ 0x5b0e1d5L);
    FloatMatrix x = d.embeddings().toMatrix().copy();
    FloatMatrix presence = gt.itemConcepts().copy();
    FloatMatrix dirs = sd.directions();
    int dim = d.dim();
    for (int i = 0; i < d.size(); i++) {
      boolean test = d.splits()[i] == Split.TEST;
      double u = r.nextDouble();
      int shown = test ? spurious[r.nextInt(c)] : spurious[d.labels()[i]];
      double amp = 0.6 + 0.8 * r.nextDouble();
      if (u < (test ? testRate : trainRate)) {
        for (int p = 0; p < dim; p++) {
          x.data()[i * dim + p] += (float) (amp * dirs.get(shown, p));
        }
        presence.set(i, shown, 1f);
      }
    }
    Map<String, String> meta = new LinkedHashMap<>(d.metadata());
    meta.put("spurious", "train " + trainRate + ", test " + testRate);
    List<int[]> truth = new ArrayList<>(gt.classConcepts());
    Dataset shifted = new Dataset(d.name() + "-spurious", d.classNames(), d.ids(), d.labels(), d.splits(), x,
        new GroundTruth(truth, presence, gt.visual()), meta);
    return new SpuriousData(new SynthData(shifted, sd.concepts(), dirs), spurious);
  }
}
