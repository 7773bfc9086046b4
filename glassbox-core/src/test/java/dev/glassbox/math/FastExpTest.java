package dev.glassbox.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class FastExpTest {
  @Test
  void isWithinTwoUlpOfTheExactExponential() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 200_000; i++) {
      float x = (float) (-87 + 175 * r.nextDouble());
      double exact = Math.exp(x);
      float got = FastExp.exp(x);
      assertThat(Math.abs(got - exact)).as("exp(%s)", x).isLessThanOrEqualTo(2 * Math.ulp((float) exact));
    }
    assertThat(FastExp.exp(0f)).isEqualTo(1f);
  }

  @Test
  void clampsOutsideTheFloatRange() {
    assertThat(FastExp.exp(-1000f)).isEqualTo(FastExp.exp(FastExp.LO)).isPositive().isLessThan(2e-38f);
    assertThat(FastExp.exp(1000f)).isEqualTo(FastExp.exp(FastExp.HI)).isFinite();
  }

  @Test
  void vectorLanesAreBitIdenticalToTheScalarTwin() {
    var s = FloatVector.SPECIES_PREFERRED;
    SplittableRandom r = new SplittableRandom(2);
    float[] x = new float[s.length()];
    float[] out = new float[s.length()];
    for (int rep = 0; rep < 10_000; rep++) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (-100 + 200 * r.nextDouble());
      }
      FastExp.exp(FloatVector.fromArray(s, x, 0)).intoArray(out, 0);
      for (int i = 0; i < x.length; i++) {
        assertThat(Float.floatToRawIntBits(out[i])).isEqualTo(Float.floatToRawIntBits(FastExp.exp(x[i])));
      }
    }
  }

  @Test
  void shiftedExponentialsSumInAFixedOrder() {
    float[] x = new float[37];
    for (int i = 0; i < x.length; i++) {
      x[i] = -0.1f * i;
    }
    float[] a = x.clone();
    float sum = FastExp.expShiftedInPlace(a, 0, a.length, 0.5f);
    double ref = 0;
    for (int i = 0; i < x.length; i++) {
      assertThat(Float.floatToRawIntBits(a[i])).isEqualTo(Float.floatToRawIntBits(FastExp.exp(x[i] - 0.5f)));
      ref += a[i];
    }
    assertThat((double) sum).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-5));
  }
}
