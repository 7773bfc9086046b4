package dev.glassbox.methods.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CSearchTest {
  @Test
  void findsThePeakOfASymmetricCurveToTheBisectionsResolution() {
    // Validation accuracy peaked at C* = 10^0.37: grid best C = 1, bracket [0.1, 10], 8 halvings.
    CSearch.Result r = CSearch.search(CSearch.DEFAULT_GRID, 8, c -> -Math.pow(Math.log10(c) - 0.37, 2));
    assertThat(Math.log10(r.chosen())).isCloseTo(0.375, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void staysWithinOneFinalHalfBracketOfAnyPeakInsideTheGrid() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < 200; i++) {
      double peak = -5.5 + 11 * rnd.nextDouble();
      CSearch.Result r = CSearch.search(CSearch.DEFAULT_GRID, 8, c -> -Math.abs(Math.log10(c) - peak));
      assertThat(Math.abs(Math.log10(r.chosen()) - peak)).as("peak %s", peak).isLessThanOrEqualTo(2.0 / 256 + 1e-12);
    }
  }

  @Test
  void evaluatesEachCOnceInGridThenBracketOrder() {
    List<Double> calls = new ArrayList<>();
    CSearch.Result r = CSearch.search(new double[] {100, 1, 0.01}, 2, c -> {
      calls.add(c);
      return c == 1 ? 1 : 0;
    });
    assertThat(calls).hasSameSizeAs(r.tried().keySet()).doesNotHaveDuplicates();
    assertThat(calls.subList(0, 3)).containsExactly(100.0, 1.0, 0.01);
    assertThat(calls.get(3)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(calls.get(4)).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void tiesKeepTheFirstGridValueAndThenTheStrongerRegularisation() {
    CSearch.Result r = CSearch.search(new double[] {1e4, 1e2, 1}, 3, c -> 0.5);
    // Grid best on a tie: the first (1e4). Bisection ties keep the lower end each time.
    assertThat(r.chosen()).isCloseTo(1e3, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(CSearch.search(new double[] {1e4, 1e2}, 0, c -> 0.5).chosen()).isEqualTo(1e4);
  }

  @Test
  void rejectsBadGrids() {
    assertThatThrownBy(() -> CSearch.search(new double[0], 8, c -> 0)).hasMessageContaining("grid is empty");
    assertThatThrownBy(() -> CSearch.search(new double[] {1, -2}, 8, c -> 0))
        .hasMessage("the probe's C grid holds -2.0; every C must be > 0 and finite");
    assertThatThrownBy(() -> CSearch.parseGrid("1e6,ten")).hasMessageContaining("'ten', which is not a number");
    assertThatThrownBy(() -> CSearch.search(new double[] {1}, -1, c -> 0)).hasMessageContaining("steps must be ≥ 0");
  }
}
