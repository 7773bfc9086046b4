package dev.glassbox.methods.labo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.head.FitReport;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LaboTrainerTest {
  /**
   * Three classes, six concepts; class y shows concepts 2y and 2y+1 (scores 1 + noise, others
   * noise). The prior names only concept 2y for class y, so training must learn to use 2y+1 too.
   */
  static LaboData toy(int perClass, long seed, AssociationPrior prior) {
    int c = 3;
    int k = 6;
    SplittableRandom r = new SplittableRandom(seed);
    int n = c * perClass;
    float[] s = new float[n * k];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % c;
      for (int j = 0; j < k; j++) {
        s[i * k + j] = (float) (0.3 * (r.nextDouble() - 0.5) + (j / 2 == y[i] ? (j % 2 == 0 ? 0.2 : 1.0) : 0));
      }
    }
    int nv = 30;
    float[] sv = new float[nv * k];
    int[] yv = new int[nv];
    for (int i = 0; i < nv; i++) {
      yv[i] = i % c;
      for (int j = 0; j < k; j++) {
        sv[i * k + j] = (float) (0.3 * (r.nextDouble() - 0.5) + (j / 2 == yv[i] ? (j % 2 == 0 ? 0.2 : 1.0) : 0));
      }
    }
    AssociationPrior p = prior != null ? prior : new AssociationPrior(List.of(new int[] {0}, new int[] {2}, new int[] {4}), k, "test");
    return new LaboData(FloatMatrix.wrap(n, k, s), y, FloatMatrix.wrap(nv, k, sv), yv, p);
  }

  static LaboConfig quick() {
    return LaboConfig.defaults().withLearningRate(1e-2).withEpochs(200).withScale(10);
  }

  @Test
  void learnsTheConceptThePriorMissed() {
    LaboFit f = new LaboTrainer(quick()).fit(toy(10, 1, null), ProgressListener.NONE);
    for (int y = 0; y < 3; y++) {
      // The unlisted but informative concept 2y+1 gains weight over every uninformative concept.
      for (int j = 0; j < 6; j++) {
        if (j / 2 != y) {
          assertThat(f.weights().get(y, 2 * y + 1)).isGreaterThan(f.weights().get(y, j));
        }
      }
    }
    assertThat(f.selectedReport().valAccuracy()).isEqualTo(1.0);
    assertThat(f.selectedReport().trainAccuracy()).isEqualTo(1.0);
  }

  @Test
  void startsFromTheLanguagePrior() {
    // With one epoch at a negligible rate the result is the prior's softmax: e/(e + 5) on the prior concept.
    LaboFit f = new LaboTrainer(quick().withLearningRate(1e-12).withEpochs(1)).fit(toy(4, 2, null), ProgressListener.NONE);
    double e = Math.E;
    assertThat((double) f.weights().get(1, 2)).isCloseTo(e / (e + 5), org.assertj.core.data.Offset.offset(1e-6));
    assertThat((double) f.weights().get(1, 0)).isCloseTo(1 / (e + 5), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(f.association().get(0, 0)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void sameConfigDataAndSeedGiveBitIdenticalWeights() {
    LaboConfig cfg = quick().withBatchSize(4).withSeed(5);
    LaboFit a = new LaboTrainer(cfg).fit(toy(10, 3, null), ProgressListener.NONE);
    LaboFit b = new LaboTrainer(cfg).fit(toy(10, 3, null), ProgressListener.NONE);
    assertThat(b.association().data()).containsExactly(a.association().data());
    assertThat(b.checkpoints()).isEqualTo(a.checkpoints());
    LaboFit other = new LaboTrainer(cfg.withSeed(6)).fit(toy(10, 3, null), ProgressListener.NONE);
    assertThat(other.association().data()).isNotEqualTo(a.association().data());
  }

  @Test
  void validatesEveryTenEpochsAndAfterTheLast() {
    LaboFit f = new LaboTrainer(quick().withEpochs(35)).fit(toy(5, 4, null), ProgressListener.NONE);
    assertThat(f.checkpoints()).extracting(FitReport::iterations).containsExactly(10, 20, 30, 35);
    assertThat(f.epochsRun()).isEqualTo(35);
    assertThat(f.batchSize()).isEqualTo(3);
  }

  @Test
  void earlyStopEndsAPlateauAndMarksTheBestCheckpointConverged() {
    LaboFit f = new LaboTrainer(quick().withEpochs(5000).withEarlyStop(true).withPatience(5)).fit(toy(10, 5, null), ProgressListener.NONE);
    assertThat(f.stoppedEarly()).isTrue();
    assertThat(f.epochsRun()).isLessThan(5000);
    assertThat(f.selectedReport().converged()).isTrue();
    assertThat(f.checkpoints().size() - 1 - f.selected()).isEqualTo(5);
  }

  @Test
  void aRunTooShortToShowAPlateauIsNotConverged() {
    // Two checks can never be followed by three that fail to improve, whatever the accuracies.
    AssociationPrior none = AssociationPrior.none(3, 6);
    LaboFit f = new LaboTrainer(quick().withEpochs(20).withPatience(3)).fit(toy(10, 6, none), ProgressListener.NONE);
    assertThat(f.checkpoints()).hasSize(2).noneMatch(FitReport::converged);
    assertThat(f.stoppedEarly()).isFalse();
    // Without a prior every class starts at the same prototype: the first class wins every item.
    assertThat(f.priorValAccuracy()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void withoutValidationItemsCheckpointsAreChosenByTrainingAccuracy() {
    LaboData d = toy(10, 7, null);
    LaboData noVal = new LaboData(d.trainScores(), d.trainLabels(), FloatMatrix.zeros(0, 6), new int[0], d.prior());
    LaboFit f = new LaboTrainer(quick()).fit(noVal, ProgressListener.NONE);
    assertThat(f.selectedReport().valAccuracy()).isNaN();
    assertThat(f.selectedReport().trainAccuracy()).isEqualTo(1.0);
    assertThat(f.priorValAccuracy()).isNaN();
  }

  @Test
  void batchSizeRulePassesThroughLabosTwoPoints() {
    LaboConfig d = LaboConfig.defaults();
    assertThat(d.batchSizeFor(10)).isEqualTo(2);
    assertThat(d.batchSizeFor(50_000)).isEqualTo(512);
    assertThat(d.batchSizeFor(1)).isEqualTo(1);
    assertThat(d.withBatchSize(64).batchSizeFor(10)).isEqualTo(10);
  }

  @Test
  void rejectsBadSettingsWithTheRange() {
    assertThatThrownBy(() -> LaboConfig.defaults().withLearningRate(0)).hasMessage("LaBo learningRate must be > 0 and finite, got 0.0");
    assertThatThrownBy(() -> LaboConfig.defaults().withEpochs(0)).hasMessage("LaBo epochs must be ≥ 1, got 0");
    assertThatThrownBy(() -> LaboConfig.defaults().withL1(-1)).hasMessage("LaBo l1 must be ≥ 0 and finite, got -1.0");
  }

  @Test
  void rejectsDataThatDoesNotFitThePrior() {
    LaboData d = toy(2, 8, null);
    AssociationPrior wrong = new AssociationPrior(List.of(new int[] {0}, new int[] {1}), 5, "test");
    assertThatThrownBy(() -> new LaboData(d.trainScores(), d.trainLabels(), d.valScores(), d.valLabels(), wrong))
        .hasMessage("scores have 6 (train) and 6 (validation) concepts but the prior has 5");
    List<int[]> bad = new ArrayList<>(List.of(new int[] {7}));
    assertThatThrownBy(() -> new AssociationPrior(bad, 6, "test")).hasMessage("the prior of class 0 names concept 7 but there are 6 concepts");
  }
}
