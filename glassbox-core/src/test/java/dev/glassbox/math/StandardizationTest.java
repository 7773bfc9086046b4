package dev.glassbox.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class StandardizationTest {
  @Test
  void fitsMeanAndUnbiasedStd() {
    FloatMatrix m = FloatMatrix.of(new float[][] {{1, 10}, {2, 10}, {3, 10}, {6, 10}});
    Standardization s = Standardization.fit(m);
    assertThat(s.mean()[0]).isCloseTo(3f, offset(1e-6f));
    // Unbiased: sqrt(((−2)² + (−1)² + 0 + 3²) / 3) = sqrt(14/3)
    assertThat(s.std()[0]).isCloseTo((float) Math.sqrt(14.0 / 3), offset(1e-6f));
    // A constant column gets std 1 and maps to zero.
    assertThat(s.std()[1]).isEqualTo(1f);
    FloatMatrix z = s.apply(m);
    assertThat(z.get(0, 1)).isEqualTo(0f);
    assertThat(s.unapply(0, z.get(3, 0))).isCloseTo(6f, offset(1e-6f));
  }

  @Test
  void normalizeRowsKeepsZeroRowsZero() {
    FloatMatrix m = FloatMatrix.of(new float[][] {{3, 4}, {0, 0}});
    FloatMatrix n = Matrices.normalizeRows(m);
    assertThat(n.row(0)).containsExactly(0.6f, 0.8f);
    assertThat(n.row(1)).containsExactly(0f, 0f);
  }
}
