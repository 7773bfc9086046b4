package dev.glassbox.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvaluatorTest {
  @Test
  void coverageCountsLargestPositiveContributionsUpToNinetyPercent() {
    // Positive total 10: 5 (50%), 3 (80%), 1.5 (95%) → 3 concepts.
    assertThat(Evaluator.coverage(new float[] {1.5f, -4f, 5f, 0.5f, 3f}, 0.9)).isEqualTo(3);
    assertThat(Evaluator.coverage(new float[] {-1f, 0f}, 0.9)).isZero();
    assertThat(Evaluator.coverage(new float[] {2f}, 0.9)).isEqualTo(1);
  }
}
