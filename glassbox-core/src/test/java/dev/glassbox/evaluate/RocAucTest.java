package dev.glassbox.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RocAucTest {
  @Test
  void perfectReversedAndTiedScoresGiveOneZeroAndOneHalf() {
    boolean[] y = {false, false, true, true};
    assertThat(RocAuc.of(new float[] {0.1f, 0.2f, 0.8f, 0.9f}, y)).isEqualTo(1.0);
    assertThat(RocAuc.of(new float[] {0.9f, 0.8f, 0.2f, 0.1f}, y)).isEqualTo(0.0);
    assertThat(RocAuc.of(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, y)).isEqualTo(0.5);
  }

  @Test
  void aHandCountedCaseWithATie() {
    // Positives 0.4, 0.7; negatives 0.1, 0.4, 0.8: pairs won 1 + 0.5 + 0 + 1 + 1 + 0 = 3.5 of 6.
    float[] s = {0.4f, 0.7f, 0.1f, 0.4f, 0.8f};
    boolean[] y = {true, true, false, false, false};
    assertThat(RocAuc.of(s, y)).isCloseTo(3.5 / 6, Offset.offset(1e-12));
  }

  @Test
  void negativeScoresAndMixedSignsSortCorrectly() {
    float[] s = {-3f, -2f, -1f, -0f, 0f, 1f};
    boolean[] y = {false, false, false, true, true, true};
    assertThat(RocAuc.of(s, y)).isEqualTo(1.0);
  }

  @Test
  void rankingAgreesWithThePairCountOnRandomScores() {
    SplittableRandom r = new SplittableRandom(9);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + r.nextInt(200);
      float[] s = new float[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = r.nextInt(10) < 3 ? Math.round(r.nextGaussian() * 2) : (float) r.nextGaussian();
        y[i] = r.nextBoolean();
      }
      double expected = RocAuc.byPairs(s, y);
      if (Double.isNaN(expected)) {
        assertThat(RocAuc.of(s, y)).isNaN();
      } else {
        assertThat(RocAuc.of(s, y)).isCloseTo(expected, Offset.offset(1e-9));
      }
    }
  }

  @Test
  void oneClassOnlyGivesNaNAndMismatchedLengthsAreRefused() {
    assertThat(RocAuc.of(new float[] {1, 2}, new boolean[] {true, true})).isNaN();
    assertThatThrownBy(() -> RocAuc.of(new float[] {1, 2}, new boolean[] {true}))
        .hasMessage("AUC needs one label per score: 2 scores, 1 labels");
  }
}
