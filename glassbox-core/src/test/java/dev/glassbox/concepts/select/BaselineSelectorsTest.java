package dev.glassbox.concepts.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import org.junit.jupiter.api.Test;

class BaselineSelectorsTest {

  @Test
  void randomSelectionIsReplayableFromItsSeedAndRespectsTheBudget() {
    SelectionInput in = SelectionFixtures.world(1, 4, 15, 8, 3);
    ConceptSelection a = new RandomSelector(Budget.perClass(5), 42).select(in);
    ConceptSelection b = new RandomSelector(Budget.perClass(5), 42).select(in);
    ConceptSelection c = new RandomSelector(Budget.perClass(5), 43).select(in);
    assertThat(a.indices()).containsExactly(b.indices()).hasSize(20);
    assertThat(a.indices()).isNotEqualTo(c.indices());
    for (int y = 0; y < 4; y++) {
      assertThat(a.groups().get(y).picked()).hasSize(5).doesNotHaveDuplicates();
      assertThat(in.groundSet(y)).contains(a.groups().get(y).picked());
    }
  }

  @Test
  void topKBySimilarityKeepsEachClassHighestScoringCandidates() {
    SelectionInput in = SelectionFixtures.world(2, 3, 12, 8, 4);
    TopKSelector sel = TopKSelector.defaults().withRanking(TopKSelector.Ranking.CLASS_SIMILARITY).withBudget(Budget.perClass(4));
    ConceptSelection s = sel.select(in);
    ClassConceptScores scores = Discriminability.scores(in, ClassSimilarity.DOT, 100);
    for (int y = 0; y < 3; y++) {
      int[] picked = s.groups().get(y).picked();
      float lowestPicked = Float.POSITIVE_INFINITY;
      for (int p : picked) {
        lowestPicked = Math.min(lowestPicked, scores.similarity(p, y));
      }
      for (int c : in.groundSet(y)) {
        boolean isPicked = false;
        for (int p : picked) {
          isPicked |= p == c;
        }
        if (!isPicked) {
          assertThat(scores.similarity(c, y)).isLessThanOrEqualTo(lowestPicked);
        }
      }
      for (int i = 1; i < picked.length; i++) {
        assertThat(scores.similarity(picked[i - 1], y)).isGreaterThanOrEqualTo(scores.similarity(picked[i], y));
      }
    }
  }

  @Test
  void topKBySimilarityRanksNegativeSimilaritiesWhichTheMiScoreRefuses() {
    SelectionInput pos = SelectionFixtures.world(2, 3, 12, 8, 4);
    // The same candidates pointing the other way: every Sim(c, y) is negated.
    ConceptEmbeddings c = pos.candidates();
    float[] neg = c.embeddings().data().clone();
    for (int i = 0; i < neg.length; i++) {
      neg[i] = -neg[i];
    }
    SelectionInput in = new SelectionInput(new ConceptEmbeddings(c.concepts(), FloatMatrix.wrap(c.embeddings().rows(), c.dim(), neg), c.encoder()),
        pos.classNames(), pos.groundSets(), pos.images(), pos.labels());
    TopKSelector bySim = TopKSelector.defaults().withRanking(TopKSelector.Ranking.CLASS_SIMILARITY).withBudget(Budget.perClass(4));
    ConceptSelection s = bySim.select(in);
    ClassConceptScores scores = Discriminability.similarityScores(in, ClassSimilarity.DOT);
    assertThat(scores.similarity(0, 0)).isNegative();
    assertThat(scores.mutualInformation()).containsOnly(Double.NaN);
    for (int y = 0; y < 3; y++) {
      // The least negative are picked: the reverse of the positive input's ranking order.
      int[] picked = s.groups().get(y).picked();
      for (int i = 1; i < picked.length; i++) {
        assertThat(scores.similarity(picked[i - 1], y)).isGreaterThanOrEqualTo(scores.similarity(picked[i], y));
      }
    }
    assertThatThrownBy(() -> TopKSelector.defaults().withBudget(Budget.perClass(4)).select(in)).hasMessageContaining("Sim > 0");
  }

  @Test
  void topKByMiGlobalBudgetKeepsThePoolHighestMi() {
    SelectionInput in = SelectionFixtures.world(3, 3, 10, 8, 4);
    ConceptSelection s = TopKSelector.defaults().withBudget(Budget.global(5)).select(in);
    double[] mi = Discriminability.scores(in, ClassSimilarity.DOT, 100).mutualInformation();
    double[] sorted = mi.clone();
    java.util.Arrays.sort(sorted);
    double fifth = sorted[sorted.length - 5];
    for (int i : s.indices()) {
      assertThat(mi[i]).isGreaterThanOrEqualTo(fifth);
    }
    assertThat(s.indices()).hasSize(5);
  }
}
