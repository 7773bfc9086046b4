package dev.glassbox.deep.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlignmentConfigTest {
  @Test
  void defaultsAreClipsWhereClipHasOne() {
    AlignmentConfig c = AlignmentConfig.defaults();
    assertThat(c.initialTemperature()).isEqualTo(0.07);
    assertThat(c.maxLogitScale()).isEqualTo(100);
    assertThat(c.learnTemperature()).isTrue();
    assertThat(c.beta2()).isEqualTo(0.98);
    assertThat(c.adamEpsilon()).isEqualTo(1e-6);
    assertThat(c.augment()).isTrue();
  }

  @Test
  void withersChangeOneSetting() {
    AlignmentConfig c = AlignmentConfig.defaults().withEpochs(3).withBatchSize(64).withSeed(9).withTemperature(0.1, false);
    assertThat(c.epochs()).isEqualTo(3);
    assertThat(c.batchSize()).isEqualTo(64);
    assertThat(c.seed()).isEqualTo(9);
    assertThat(c.initialTemperature()).isEqualTo(0.1);
    assertThat(c.learnTemperature()).isFalse();
    assertThat(c.learningRate()).isEqualTo(AlignmentConfig.defaults().learningRate());
  }

  @Test
  void outOfRangeSettingsAreRefusedWithTheRange() {
    assertThatThrownBy(() -> AlignmentConfig.defaults().withEpochs(0)).hasMessage("alignment epochs must be in [1, 10000], got 0");
    assertThatThrownBy(() -> AlignmentConfig.defaults().withBatchSize(1)).hasMessage("alignment batchSize must be in [2, 65536], got 1");
    assertThatThrownBy(() -> AlignmentConfig.defaults().withLearningRate(0)).hasMessage("alignment learningRate must be in (0, 1], got 0.0");
    assertThatThrownBy(() -> AlignmentConfig.defaults().withWeightDecay(1)).hasMessage("alignment weightDecay must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> AlignmentConfig.defaults().withTemperature(0.001, true))
        .hasMessage("alignment initialTemperature must be ≥ 1/maxLogitScale = 0.01, got 0.001");
    assertThatThrownBy(() -> AlignmentConfig.defaults().withAugmentation(65, 0.1, 0.1)).hasMessage("alignment maxShift must be in [0, 64], got 65");
  }
}
