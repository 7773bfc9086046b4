package dev.glassbox.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class LanesTest {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  @Test
  void expIsWithinFourUlpOfMathExpAndVectorAndScalarAgreeBitForBit() {
    SplittableRandom r = new SplittableRandom(1);
    float[] x = new float[S.length() * 4096];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-87, 88.5);
    }
    x[0] = 0f;
    x[1] = -1e-8f;
    x[2] = 1f;
    x[3] = -87.3f;
    for (int off = 0; off < x.length; off += S.length()) {
      FloatVector v = Lanes.exp(FloatVector.fromArray(S, x, off));
      for (int i = 0; i < S.length(); i++) {
        float xi = x[off + i];
        float e = v.lane(i);
        double ref = Math.exp(xi);
        assertThat(Math.abs(e - ref)).as("exp(%s)", xi).isLessThanOrEqualTo(4 * Math.ulp((float) ref));
        assertThat(Lanes.exp(xi)).as("scalar exp(%s)", xi).isEqualTo(e);
      }
    }
    assertThat(Lanes.exp(0f)).isEqualTo(1f);
  }

  @Test
  void expSaturatesOutsideTheNormalRange() {
    float[] x = new float[S.length()];
    x[0] = Float.NEGATIVE_INFINITY;
    if (x.length > 1) {
      x[1] = 1000f;
    }
    FloatVector v = Lanes.exp(FloatVector.fromArray(S, x, 0));
    assertThat(v.lane(0)).isEqualTo(Lanes.exp(-87.33654f)).isLessThan(1.2e-38f).isPositive();
    assertThat(Lanes.exp(-100f)).isEqualTo(v.lane(0));
    assertThat(Lanes.exp(1000f)).isFinite().isGreaterThan(3.3e38f);
    assertThat(Lanes.exp(Float.NaN)).isNaN();
    if (x.length > 1) {
      assertThat(v.lane(1)).isEqualTo(Lanes.exp(1000f));
    }
  }

  @Test
  void sumAddsInLaneOrder() {
    float[] a = new float[S.length()];
    float expect = 0f;
    for (int i = 0; i < a.length; i++) {
      a[i] = i % 2 == 0 ? 1e8f : 1f;
      expect += a[i];
    }
    assertThat(Lanes.sum(FloatVector.fromArray(S, a, 0))).isEqualTo(expect);
  }
}
