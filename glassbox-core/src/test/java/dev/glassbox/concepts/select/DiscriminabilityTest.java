package dev.glassbox.concepts.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiscriminabilityTest {

  @Test
  void conceptPresentInOneClassOnlyHasTheHighestMi() {
    // 3 concepts × 3 classes. Concept 0 scores high on class 0 only; 1 and 2 are spread.
    double[] w = {
        5, 0.01, 0.01,
        1, 1, 1,
        1, 2, 1};
    double[] mi = Discriminability.mutualInformation(w, 3, 3);
    assertThat(mi[0]).isGreaterThan(mi[1]).isGreaterThan(0);
    assertThat(mi[0]).isGreaterThan(mi[2]);
  }

  @Test
  void conceptUniformOverClassesWithEqualClassTotalsHasZeroMi() {
    // Column sums are equal (6 each), so a constant row is independent of the class.
    double[] w = {
        2, 2, 2,
        1, 3, 2,
        3, 1, 2};
    double[] mi = Discriminability.mutualInformation(w, 3, 3);
    assertThat(mi[0]).isCloseTo(0.0, within(1e-15));
    assertThat(mi[1]).isGreaterThan(0);
  }

  @Test
  void miTermsSumToTheMutualInformationOfTheJointDistribution() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 50; trial++) {
      int k = 2 + r.nextInt(20);
      int ny = 2 + r.nextInt(8);
      double[] w = new double[k * ny];
      for (int i = 0; i < w.length; i++) {
        w[i] = 0.01 + r.nextDouble();
      }
      double[] mi = Discriminability.mutualInformation(w, k, ny);
      // Reference: the joint P(c, y) = Sim(c,y)/(|Y|·Σ_c' Sim(c',y)); I(C;Y) = Σ P log P/(P(c)P(y)).
      double[] col = new double[ny];
      for (int c = 0; c < k; c++) {
        for (int y = 0; y < ny; y++) {
          col[y] += w[c * ny + y];
        }
      }
      double total = 0;
      for (int c = 0; c < k; c++) {
        double pc = 0;
        for (int y = 0; y < ny; y++) {
          pc += w[c * ny + y] / (ny * col[y]);
        }
        double kl = 0;
        for (int y = 0; y < ny; y++) {
          double cond = w[c * ny + y] / (ny * col[y]) / pc;
          kl += cond * Math.log(cond * ny);
          total += w[c * ny + y] / (ny * col[y]) * Math.log(w[c * ny + y] / (ny * col[y]) / (pc / ny));
        }
        assertThat(mi[c]).as("seed 11 trial %d concept %d: MI = P(c)·KL(P(y|c) ‖ uniform)", trial, c).isCloseTo(pc * kl, within(1e-12));
      }
      double sum = 0;
      for (double v : mi) {
        sum += v;
      }
      assertThat(sum).isCloseTo(total, within(1e-12));
    }
  }

  @Test
  void classSimilarityIsTheMeanDotProductOverTheClassImages() {
    SelectionInput in = SelectionFixtures.world(3, 4, 5, 16, 7);
    FloatMatrix means = Discriminability.classMeans(in.images(), in.labels(), 4, false);
    FloatMatrix sim = Discriminability.classSimilarity(in.candidates().embeddings(), means, ClassSimilarity.DOT);
    FloatMatrix x = in.images().toMatrix();
    FloatMatrix t = in.candidates().embeddings();
    for (int c = 0; c < t.rows(); c++) {
      for (int y = 0; y < 4; y++) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < x.rows(); i++) {
          if (in.labels()[i] == y) {
            for (int p = 0; p < 16; p++) {
              s += (double) t.get(c, p) * x.get(i, p);
            }
            n++;
          }
        }
        assertThat((double) sim.get(c, y)).isCloseTo(s / n, within(1e-4));
      }
    }
  }

  @Test
  void rejectsNonPositiveSimilarityNamingConceptClassAndFix() {
    ConceptEmbeddings ce = new ConceptEmbeddings(
        new ConceptSet(List.of(new Concept("red wing", "t", "a", Map.of()), new Concept("blue tail", "t", "b", Map.of()))),
        FloatMatrix.of(new float[][] {{1, 0}, {-1, 0}}), null);
    SelectionInput in = SelectionInput.of(ce, List.of("a", "b"), FloatMatrix.of(new float[][] {{1, 0.1f}, {1, -0.1f}}), new int[] {0, 1});
    assertThatThrownBy(() -> Discriminability.scores(in, ClassSimilarity.DOT, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Sim(\"blue tail\", \"a\")")
        .hasMessageContaining("EXP_COSINE");
    ClassConceptScores s = Discriminability.scores(in, ClassSimilarity.EXP_COSINE, 100);
    for (double v : s.mutualInformation()) {
      assertThat(v).isFinite().isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void rejectsNonFiniteImageEmbeddingNamingTheImage() {
    ConceptEmbeddings ce = new ConceptEmbeddings(
        new ConceptSet(List.of(new Concept("red wing", "t", "a", Map.of()))), FloatMatrix.of(new float[][] {{1, 0}}), null);
    SelectionInput in = SelectionInput.of(ce, List.of("a"), FloatMatrix.of(new float[][] {{1, 0}, {Float.NaN, 0}}), new int[] {0, 0});
    assertThatThrownBy(() -> Discriminability.scores(in, ClassSimilarity.DOT, 100))
        .hasMessageContaining("image embedding 1")
        .hasMessageContaining("NaN");
  }
}
