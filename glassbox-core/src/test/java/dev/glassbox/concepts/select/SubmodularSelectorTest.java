package dev.glassbox.concepts.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubmodularSelectorTest {

  @Test
  void picksTheBudgetFromEachClassOwnCandidates() {
    SelectionInput in = SelectionFixtures.world(1, 5, 12, 24, 6);
    ConceptSelection s = new SubmodularSelector(SubmodularConfig.defaults().withBudget(Budget.perClass(4))).select(in);
    assertThat(s.groups()).hasSize(5);
    for (int y = 0; y < 5; y++) {
      GroupSelection g = s.groups().get(y);
      assertThat(g.group()).isEqualTo("class" + y);
      assertThat(g.picked()).hasSize(4).doesNotHaveDuplicates();
      for (int c : g.picked()) {
        assertThat(in.candidates().concepts().get(c).proposedBy()).isEqualTo("class" + y);
      }
    }
    assertThat(s.indices()).hasSize(20).isSorted();
    assertThat(s.selected().concepts().size()).isEqualTo(20);
    assertThat(s.config()).containsEntry("profile", "PAPER").containsEntry("alpha", 1e7);
  }

  @Test
  void classWithNoMoreCandidatesThanTheBudgetKeepsThemAll() {
    SelectionInput in = SelectionFixtures.world(2, 3, 6, 16, 5);
    ConceptSelection s = new SubmodularSelector(SubmodularConfig.defaults()).select(in);
    assertThat(s.indices()).hasSize(18);
    assertThat(s.groups()).allSatisfy(g -> assertThat(g.keptAll()).isTrue());
  }

  @Test
  void totalBudgetIsSplitEvenlyRoundingUp() {
    assertThat(Budget.total(7).perClassCount(3)).isEqualTo(3);
    assertThat(Budget.total(600).perClassCount(200)).isEqualTo(3);
    assertThat(Budget.defaults().perClassCount(200)).isEqualTo(50);
    SelectionInput in = SelectionFixtures.world(3, 3, 10, 16, 5);
    ConceptSelection s = new SubmodularSelector(SubmodularConfig.defaults().withBudget(Budget.total(7))).select(in);
    assertThat(s.groups()).allSatisfy(g -> assertThat(g.picked()).hasSize(3));
  }

  @Test
  void lazyAndPlainSelectorsReturnIdenticalSelectionsForBothProfiles() {
    SplittableRandom root = new SplittableRandom(31);
    for (int trial = 0; trial < 12; trial++) {
      long seed = root.nextLong();
      SplittableRandom r = new SplittableRandom(seed);
      SelectionInput in = SelectionFixtures.world(seed, 2 + r.nextInt(5), 5 + r.nextInt(30), 8 + r.nextInt(24), 3);
      for (SubmodularConfig.Profile p : SubmodularConfig.Profile.values()) {
        SubmodularConfig base = SubmodularConfig.defaults().withProfile(p).withBudget(Budget.perClass(1 + r.nextInt(6))).withBeta(r.nextDouble() * 10);
        ConceptSelection lazy = new SubmodularSelector(base.withOptimizer(Greedy.LAZY)).select(in);
        ConceptSelection plain = new SubmodularSelector(base.withOptimizer(Greedy.PLAIN)).select(in);
        for (int y = 0; y < lazy.groups().size(); y++) {
          assertThat(lazy.groups().get(y).picked()).as("seed %d profile %s class %d", seed, p, y).containsExactly(plain.groups().get(y).picked());
        }
      }
    }
  }

  @Test
  void withoutCoverageTheSelectionIsTheTopKByMutualInformation() {
    SelectionInput in = SelectionFixtures.world(4, 4, 20, 16, 5);
    ConceptSelection sub = new SubmodularSelector(SubmodularConfig.defaults().withBeta(0).withBudget(Budget.perClass(5))).select(in);
    ConceptSelection top = TopKSelector.defaults().withBudget(Budget.perClass(5)).select(in);
    for (int y = 0; y < 4; y++) {
      assertThat(sub.groups().get(y).picked()).containsExactly(top.groups().get(y).picked());
    }
  }

  @Test
  void withoutCoverageBothProfilesPickWhatTheirCoverageObjectivesPickAtBetaZero() {
    SelectionInput in = SelectionFixtures.world(6, 3, 40, 16, 9);
    for (SubmodularConfig.Profile p : SubmodularConfig.Profile.values()) {
      SubmodularConfig cfg = SubmodularConfig.defaults().withProfile(p).withBeta(0).withBudget(Budget.perClass(7));
      SubmodularSelector sel = new SubmodularSelector(cfg);
      ConceptSelection s = sel.select(in);
      double[] mi = sel.scores(in).mutualInformation();
      for (int y = 0; y < 3; y++) {
        int[] ground = in.groundSet(y);
        double[] w = new double[ground.length];
        for (int j = 0; j < w.length; j++) {
          w[j] = cfg.alpha() * mi[ground[j]];
        }
        // The coverage objective itself, with β = 0: every gain is w_j + 0·coverage.
        FloatMatrix u = Matrices.normalizeRows(in.candidates().embeddings().selectRows(ground));
        FacilityLocation full = new FacilityLocation(Matrices.cosine(u, u).data(), ground.length, ground.length, w, 0);
        GreedyResult expected = Greedy.PLAIN.maximize(full, 7, null, 0.5);
        int[] picked = new int[7];
        for (int k = 0; k < 7; k++) {
          picked[k] = ground[expected.picks()[k]];
        }
        assertThat(s.groups().get(y).picked()).as("profile %s class %d", p, y).containsExactly(picked);
        assertThat(s.groups().get(y).value()).isEqualTo(expected.value());
      }
    }
  }

  @Test
  void paperProfileValueIsMiPlusCosineFacilityLocationOverTheClassCandidates() {
    SelectionInput in = SelectionFixtures.world(5, 2, 15, 12, 4);
    SubmodularConfig cfg = SubmodularConfig.defaults().withBudget(Budget.perClass(4)).withBeta(2.5);
    SubmodularSelector sel = new SubmodularSelector(cfg);
    ConceptSelection s = sel.select(in);
    double[] mi = sel.scores(in).mutualInformation();
    FloatMatrix u = Matrices.normalizeRows(in.candidates().embeddings());
    for (int y = 0; y < 2; y++) {
      GroupSelection g = s.groups().get(y);
      double expected = 0;
      for (int c : g.picked()) {
        expected += 1e7 * mi[c];
      }
      double cover = 0;
      for (int i : g.groundSet()) {
        double best = 0;
        for (int c : g.picked()) {
          best = Math.max(best, dot(u, i, c));
        }
        cover += best;
      }
      assertThat(g.value()).isCloseTo(expected + 2.5 * cover, within(1e-3));
    }
  }

  @Test
  void codeProfileGainIsMiPlusColumnwiseCoverageOfMiAndRawEmbedding() {
    SelectionInput in = SelectionFixtures.world(6, 2, 8, 6, 4);
    double alpha = 1e3;
    double beta = 0.7;
    SubmodularSelector sel = new SubmodularSelector(
        SubmodularConfig.defaults().withProfile(SubmodularConfig.Profile.CODE).withAlpha(alpha).withBeta(beta));
    ClassConceptScores scores = sel.scores(in);
    int[] ground = in.groundSet(1);
    SubmodularFunction f = sel.objectives(in, scores).build(ground);
    FloatMatrix t = in.candidates().embeddings();
    int d = t.cols();
    // X = [α·MI | embedding]; cur starts at 0 and follows the column-wise max of the chosen rows.
    double[] cur = new double[d + 1];
    int[] order = {3, 0, 5};
    for (int pick : order) {
      for (int j = 0; j < ground.length; j++) {
        double[] x = new double[d + 1];
        x[0] = (float) (alpha * scores.mutualInformation()[ground[j]]);
        for (int p = 0; p < d; p++) {
          x[p + 1] = t.get(ground[j], p);
        }
        double cov = 0;
        for (int p = 0; p <= d; p++) {
          cov += Math.max(x[p], cur[p]) - cur[p];
        }
        assertThat(f.gain(j)).isCloseTo(alpha * scores.mutualInformation()[ground[j]] + beta * cov, within(1e-5));
      }
      f.add(pick);
      cur[0] = Math.max(cur[0], (float) (alpha * scores.mutualInformation()[ground[pick]]));
      for (int p = 0; p < d; p++) {
        cur[p + 1] = Math.max(cur[p + 1], t.get(ground[pick], p));
      }
    }
  }

  @Test
  void aConceptSeenOnlyInItsOwnClassBeatsAGenericOne() {
    // Two classes along e1 and e2, a shared offset e3. Class 0 proposes "specific" (e1 + e3) and
    // "generic" (e3): only the first separates the classes.
    List<Concept> cs = List.of(
        new Concept("specific", "t", "a", Map.of()), new Concept("generic", "t", "a", Map.of()),
        new Concept("other", "t", "b", Map.of()));
    FloatMatrix t = FloatMatrix.of(new float[][] {{1, 0, 1}, {0, 0, 1}, {0, 1, 1}});
    FloatMatrix x = FloatMatrix.of(new float[][] {{1, 0, 1}, {1, 0, 1}, {0, 1, 1}, {0, 1, 1}});
    SelectionInput in = SelectionInput.of(new ConceptEmbeddings(new ConceptSet(cs), t, null), List.of("a", "b"), x, new int[] {0, 0, 1, 1});
    ConceptSelection s = new SubmodularSelector(SubmodularConfig.defaults().withBudget(Budget.perClass(1))).select(in);
    assertThat(s.groups().get(0).picked()).containsExactly(0);
  }

  @Test
  void globalBudgetPicksOverTheWholePool() {
    SelectionInput in = SelectionFixtures.world(7, 4, 10, 16, 4);
    for (Greedy g : Greedy.values()) {
      ConceptSelection s = new SubmodularSelector(SubmodularConfig.defaults().withBudget(Budget.global(9)).withOptimizer(g)).select(in);
      assertThat(s.groups()).hasSize(1);
      assertThat(s.groups().get(0).group()).isEqualTo(GroupSelection.ALL);
      assertThat(s.indices()).hasSize(9);
    }
  }

  @Test
  void theSameConfigAndSeedGiveTheSameSelection() {
    SelectionInput in = SelectionFixtures.world(8, 3, 40, 16, 4);
    SubmodularConfig cfg = SubmodularConfig.defaults().withOptimizer(Greedy.STOCHASTIC).withBudget(Budget.perClass(6)).withSeed(123);
    ConceptSelection a = new SubmodularSelector(cfg).select(in);
    ConceptSelection b = new SubmodularSelector(cfg).select(in);
    assertThat(a.indices()).containsExactly(b.indices());
  }

  @Test
  void codeAndPaperProfilesAreDifferentObjectives() {
    SelectionInput in = SelectionFixtures.world(9, 6, 40, 32, 4);
    SubmodularConfig cfg = SubmodularConfig.defaults().withBudget(Budget.perClass(10)).withAlpha(1).withBeta(1);
    ConceptSelection paper = new SubmodularSelector(cfg).select(in);
    ConceptSelection code = new SubmodularSelector(cfg.withProfile(SubmodularConfig.Profile.CODE)).select(in);
    assertThat(paper.indices()).isNotEqualTo(code.indices());
  }

  @Test
  void rejectsEmptyCandidatesNamingTheInput() {
    ConceptEmbeddings empty = new ConceptEmbeddings(new ConceptSet(List.of()), FloatMatrix.zeros(0, 4), null);
    assertThatThrownBy(() -> SelectionInput.of(empty, List.of("a"), FloatMatrix.zeros(1, 4), new int[] {0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("candidates:")
        .hasMessageContaining("no candidate concepts");
  }

  @Test
  void rejectsImageEmbeddingsOfAnotherDimensionNamingBoth() {
    SelectionInput in = SelectionFixtures.world(10, 2, 3, 8, 2);
    assertThatThrownBy(() -> SelectionInput.of(in.candidates(), in.classNames(), FloatMatrix.zeros(4, 5), new int[] {0, 1, 0, 1}))
        .hasMessageStartingWith("images:")
        .hasMessageContaining("5-d")
        .hasMessageContaining("8-d")
        .hasMessageContaining("same vision–language encoder");
  }

  @Test
  void rejectsNaNConceptEmbeddingsNamingTheConcept() {
    assertThatThrownBy(() -> new ConceptEmbeddings(
        new ConceptSet(List.of(Concept.of("red wing"))), FloatMatrix.of(new float[][] {{1, Float.NaN}}), null))
        .hasMessageContaining("\"red wing\"")
        .hasMessageContaining("NaN");
  }

  @Test
  void rejectsNegativeAndZeroBudgets() {
    assertThatThrownBy(() -> Budget.perClass(-3)).hasMessageContaining("budget count must be ≥ 1, got -3");
    assertThatThrownBy(() -> Budget.global(0)).hasMessageContaining("got 0");
  }

  @Test
  void rejectsBadConfigValuesNamingTheSetting() {
    assertThatThrownBy(() -> SubmodularConfig.defaults().withBeta(-1)).hasMessageContaining("beta must be ≥ 0 and finite, got -1.0");
    assertThatThrownBy(() -> SubmodularConfig.defaults().withAlpha(Double.NaN)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> SubmodularConfig.defaults().withEpsilon(0)).hasMessageContaining("epsilon must be in (0, 1)");
  }

  @Test
  void rejectsLabelsOutOfRangeAndClassesWithoutImages() {
    SelectionInput in = SelectionFixtures.world(11, 3, 3, 8, 2);
    FloatMatrix x = FloatMatrix.zeros(3, 8);
    assertThatThrownBy(() -> SelectionInput.of(in.candidates(), in.classNames(), x, new int[] {0, 1, 3}))
        .hasMessageContaining("image 2 has label 3 but there are 3 classes");
    assertThatThrownBy(() -> SelectionInput.of(in.candidates(), in.classNames(), x, new int[] {0, 1, 1}))
        .hasMessageContaining("class \"class2\" has no training images");
    assertThatThrownBy(() -> SelectionInput.of(in.candidates(), in.classNames(), x, new int[] {0, 1}))
        .hasMessageContaining("2 labels for 3 image embeddings");
  }

  @Test
  void rejectsCandidatesProposedByUnknownClasses() {
    ConceptEmbeddings ce = new ConceptEmbeddings(
        new ConceptSet(List.of(new Concept("red wing", "t", "cardinal", Map.of()))), FloatMatrix.of(new float[][] {{1, 0}}), null);
    assertThatThrownBy(() -> SelectionInput.of(ce, List.of("sparrow"), FloatMatrix.of(new float[][] {{1, 0}}), new int[] {0}))
        .hasMessageContaining("\"red wing\" was proposed by class \"cardinal\"");
  }

  @Test
  void perClassBudgetWithoutProposingClassesSaysHowToFixIt() {
    ConceptEmbeddings ce = new ConceptEmbeddings(
        new ConceptSet(List.of(Concept.of("red wing"), Concept.of("blue tail"))), FloatMatrix.of(new float[][] {{1, 0.1f}, {1, 0.2f}}), null);
    SelectionInput in = SelectionInput.of(ce, List.of("sparrow"), FloatMatrix.of(new float[][] {{1, 0}}), new int[] {0});
    assertThatThrownBy(() -> SubmodularSelector.defaults().select(in))
        .hasMessageContaining("\"red wing\" names none")
        .hasMessageContaining("global budget");
    assertThat(new SubmodularSelector(SubmodularConfig.defaults().withBudget(Budget.global(1))).select(in).indices()).hasSize(1);
  }

  @Test
  void explicitGroundSetsMayShareCandidatesAndTheUnionIsReturnedOnce() {
    SelectionInput base = SelectionFixtures.world(12, 2, 5, 8, 3);
    int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    SelectionInput in = base.withGroundSets(List.of(all, all));
    ConceptSelection s = new SubmodularSelector(SubmodularConfig.defaults().withBudget(Budget.perClass(3))).select(in);
    List<Integer> union = new ArrayList<>();
    for (GroupSelection g : s.groups()) {
      for (int c : g.picked()) {
        if (!union.contains(c)) {
          union.add(c);
        }
      }
    }
    int[] expected = union.stream().mapToInt(Integer::intValue).sorted().toArray();
    assertThat(s.indices()).containsExactly(expected);
    assertThatThrownBy(() -> base.withGroundSets(List.of(new int[] {0, 0}, all))).hasMessageContaining("twice");
    assertThatThrownBy(() -> base.withGroundSets(List.of(all))).hasMessageContaining("1 ground sets for 2 classes");
    assertThat(Arrays.stream(s.indices()).distinct().count()).isEqualTo(s.indices().length);
  }

  private static double dot(FloatMatrix u, int a, int b) {
    double s = 0;
    for (int p = 0; p < u.cols(); p++) {
      s += (double) u.get(a, p) * u.get(b, p);
    }
    return s;
  }
}
