package dev.glassbox.concepts.select;

import static org.assertj.core.api.Assertions.assertThat;

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
