package dev.glassbox.concepts.filter;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded miniature of a vision–language space: images vary only along a few visual directions
 * (plus small isotropic noise) and sit behind an image-side offset; concept texts sit behind a
 * text-side offset (a modality gap, as in CLIP). Visual concepts point along a visual direction;
 * non-visual ones along a random direction that shares a "topic" component with everything.
 */
final class FilterFixtures {
  private FilterFixtures() {}

  record World(ConceptEmbeddings candidates, FloatMatrix images, boolean[] visual) {}

  static World world(long seed, int dim, int visualDirections, int visualConcepts, int nonVisualConcepts, int images) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] dirs = new float[visualDirections][];
    for (int k = 0; k < visualDirections; k++) {
      dirs[k] = unit(r, dim, 1);
    }
    float[] topic = unit(r, dim, 1);
    float[] gapImg = unit(r, dim, 0.7);
    float[] gapTxt = unit(r, dim, 0.7);
    float[] x = new float[images * dim];
    for (int i = 0; i < images; i++) {
      float[] noise = unit(r, dim, 0.15);
      for (int p = 0; p < dim; p++) {
        x[i * dim + p] = gapImg[p] + 0.5f * topic[p] + noise[p];
      }
      for (int k = 0; k < visualDirections; k++) {
        if (r.nextDouble() < 0.3) {
          float amp = (float) (0.6 + 0.6 * r.nextDouble());
          for (int p = 0; p < dim; p++) {
            x[i * dim + p] += amp * dirs[k][p];
          }
        }
      }
    }
    int n = visualConcepts + nonVisualConcepts;
    float[] t = new float[n * dim];
    boolean[] visual = new boolean[n];
    List<Concept> cs = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      visual[c] = c < visualConcepts;
      float[] base = visual[c] ? dirs[c % visualDirections] : unit(r, dim, 1);
      float[] noise = unit(r, dim, visual[c] ? 0.25 : 0.0);
      double ss = 0;
      float[] v = new float[dim];
      for (int p = 0; p < dim; p++) {
        v[p] = base[p] + noise[p] + 0.4f * topic[p];
        ss += v[p] * v[p];
      }
      float inv = (float) (1 / Math.sqrt(ss));
      for (int p = 0; p < dim; p++) {
        t[c * dim + p] = v[p] * inv + gapTxt[p];
      }
      cs.add(new Concept((visual[c] ? "visual " : "non-visual ") + c, "test", null, Map.of()));
    }
    return new World(new ConceptEmbeddings(new ConceptSet(cs), FloatMatrix.wrap(n, dim, t), null), FloatMatrix.wrap(images, dim, x), visual);
  }

  static float[] unit(SplittableRandom r, int dim, double norm) {
    float[] v = new float[dim];
    double ss = 0;
    for (int p = 0; p < dim; p++) {
      double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      v[p] = (float) g;
      ss += g * g;
    }
    float s = (float) (norm / Math.sqrt(ss));
    for (int p = 0; p < dim; p++) {
      v[p] *= s;
    }
    return v;
  }

  static ConceptEmbeddings concepts(String[] texts, float[][] embeddings) {
    List<Concept> cs = new ArrayList<>();
    for (String s : texts) {
      cs.add(Concept.of(s));
    }
    return new ConceptEmbeddings(new ConceptSet(cs), FloatMatrix.of(embeddings), null);
  }

  /** Every input concept is either kept or listed as dropped, exactly once. */
  static void assertAccountsForEveryConcept(ConceptEmbeddings input, FilterResult r) {
    List<String> kept = r.kept().concepts().texts();
    List<String> dropped = new ArrayList<>();
    for (DroppedConcept d : r.report().dropped()) {
      dropped.add(d.concept().text());
    }
    List<String> all = new ArrayList<>(kept);
    all.addAll(dropped);
    org.assertj.core.api.Assertions.assertThat(all).containsExactlyInAnyOrderElementsOf(input.concepts().texts());
    org.assertj.core.api.Assertions.assertThat(r.report().candidates()).isEqualTo(input.concepts().size());
    org.assertj.core.api.Assertions.assertThat(r.report().kept()).isEqualTo(kept.size());
  }
}
