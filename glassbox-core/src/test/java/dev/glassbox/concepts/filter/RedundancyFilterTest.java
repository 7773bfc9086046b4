package dev.glassbox.concepts.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RedundancyFilterTest {

  @Test
  void dropsTheNearDuplicateWithTheLowerSummedSimilarityKeepingTheMoreGeneralOne() {
    // "red" sits between the others (high summed similarity); "crimson" is a near duplicate of it
    // but leans away from the rest.
    ConceptEmbeddings in = FilterFixtures.concepts(new String[] {"crimson", "red", "orange", "pink"},
        new float[][] {{1, -0.35f, 0}, {1, 0, 0}, {0.7f, 0.7f, 0}, {0.7f, 0, 0.7f}});
    FilterResult r = RedundancyFilter.defaults().apply(in, FilterContext.empty());
    assertThat(r.kept().concepts().texts()).containsExactly("red", "orange", "pink");
    DroppedConcept d = r.report().find("crimson");
    assertThat(d.reason()).isEqualTo(DropReason.REDUNDANT);
    assertThat(d.score()).isGreaterThanOrEqualTo(0.9);
    assertThat(d.threshold()).isEqualTo(0.9);
    assertThat(d.detail()).contains("\"red\"").contains("more general");
    FilterFixtures.assertAccountsForEveryConcept(in, r);
  }

  @Test
  void exactDuplicatesKeepTheEarlierConcept() {
    ConceptEmbeddings in = FilterFixtures.concepts(new String[] {"a", "b", "c"}, new float[][] {{1, 2}, {1, 2}, {-2, 1}});
    FilterResult r = RedundancyFilter.defaults().apply(in, FilterContext.empty());
    assertThat(r.kept().concepts().texts()).containsExactly("a", "c");
  }

  @Test
  void blockedFilterMatchesLabelFreeCbmsPairwiseLoopOnSeededRandomPools() {
    SplittableRandom root = new SplittableRandom(8);
    for (int trial = 0; trial < 6; trial++) {
      long seed = root.nextLong();
      SplittableRandom r = new SplittableRandom(seed);
      int n = 50 + r.nextInt(3000);
      int d = 4 + r.nextInt(12);
      int clusters = 3 + r.nextInt(30);
      float[][] centres = new float[clusters][];
      for (int c = 0; c < clusters; c++) {
        centres[c] = FilterFixtures.unit(r, d, 1);
      }
      float[] e = new float[n * d];
      List<Concept> cs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        float[] c = centres[r.nextInt(clusters)];
        float[] noise = FilterFixtures.unit(r, d, 0.1 + r.nextDouble() * 0.5);
        for (int p = 0; p < d; p++) {
          e[i * d + p] = c[p] + noise[p];
        }
        cs.add(Concept.of("c" + i));
      }
      ConceptEmbeddings in = new ConceptEmbeddings(new ConceptSet(cs), FloatMatrix.wrap(n, d, e), null);
      FilterResult got = RedundancyFilter.defaults().apply(in, FilterContext.empty());
      assertThat(got.kept().concepts().texts()).as("replay with seed %d (n=%d)", seed, n).containsExactlyElementsOf(reference(in, 0.9));
    }
  }

  /** The pairwise loop as described for Label-free CBM, over the full similarity matrix in double. */
  private static List<String> reference(ConceptEmbeddings in, double threshold) {
    FloatMatrix u = Matrices.normalizeRows(in.embeddings());
    int n = u.rows();
    double[][] sim = new double[n][n];
    double[] sum = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < u.cols(); p++) {
          s += (double) u.get(i, p) * u.get(j, p);
        }
        sim[i][j] = s;
        sum[i] += s;
      }
    }
    boolean[] deleted = new boolean[n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (!deleted[i] && !deleted[j] && sim[i][j] >= threshold) {
          if (sum[i] < sum[j]) {
            deleted[i] = true;
          } else {
            deleted[j] = true;
          }
        }
      }
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!deleted[i]) {
        kept.add(in.concepts().get(i).text());
      }
    }
    return kept;
  }

  @Test
  void rejectsAllZeroEmbeddingsNamingTheConcept() {
    ConceptEmbeddings in = FilterFixtures.concepts(new String[] {"a", "blank"}, new float[][] {{1, 2}, {0, 0}});
    assertThatThrownBy(() -> RedundancyFilter.defaults().apply(in, FilterContext.empty()))
        .hasMessageContaining("\"blank\" is all zeros");
    assertThatThrownBy(() -> new RedundancyFilter(Double.NaN)).hasMessageContaining("threshold must be in [-1, 1]");
  }
}
