package dev.glassbox.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A float exponential that gives the same bits wherever it runs: in the interpreter, in C1 or C2
 * code, in a vector lane or in the scalar twin {@link #exp(float)}. The Vector API's
 * {@code lanewise(EXP)} does not: compiled, it calls a vector math library, interpreted, it falls
 * back to {@link Math#exp}, and the two differ in the last bits, so a training run's weights
 * depended on how far the JIT had got. This one uses only IEEE additions, multiplications and
 * integer bit operations, which every tier computes identically.
 *
 * <p>Method (Cody–Waite range reduction and Cephes' {@code expf} polynomial): {@code k =
 * round(x·log₂e)} by the 1.5·2²³ rounding trick, {@code r = x − k·ln2} in two parts, {@code exp(r)}
 * by a degree-7 polynomial on |r| ≤ ln2/2, then scaled by {@code 2^k} built in the exponent bits.
 * Inputs are clamped to [−87.3, 88] (results between 1.2e-38 and 1.7e38); NaN is not
 * preserved (callers pass finite shifted logits). Relative error ≤ 2 ulp of float.
 */
public final class FastExp {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  static final float LO = -87.33654f;
  static final float HI = 88.0f;
  private static final float LOG2E = 1.44269504088896341f;
  private static final float ROUND = 12582912f; // 1.5·2²³: adding it rounds to an integer in the low mantissa bits
  private static final int ROUND_BITS = 0x4B400000;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;

  private FastExp() {}

  /** {@code exp(x)}, bit-identical to each lane of {@link #exp(FloatVector)}. */
  public static float exp(float x) {
    x = Math.min(Math.max(x, LO), HI);
    float t = x * LOG2E + ROUND;
    int ki = Float.floatToRawIntBits(t) - ROUND_BITS;
    float k = t - ROUND;
    float r = x - k * LN2_HI;
    r = r - k * LN2_LO;
    float p = P0;
    p = p * r + P1;
    p = p * r + P2;
    p = p * r + P3;
    p = p * r + P4;
    p = p * r + P5;
    float y = p * (r * r) + r + 1f;
    return y * Float.intBitsToFloat((ki + 127) << 23);
  }

  /** {@code exp} of every lane. */
  public static FloatVector exp(FloatVector v) {
    FloatVector x = v.max(LO).min(HI);
    FloatVector t = x.mul(LOG2E).add(ROUND);
    IntVector ki = ((IntVector) t.reinterpretAsInts()).sub(ROUND_BITS);
    FloatVector k = t.sub(ROUND);
    FloatVector r = x.sub(k.mul(LN2_HI));
    r = r.sub(k.mul(LN2_LO));
    FloatVector p = FloatVector.broadcast(v.species(), P0);
    p = p.mul(r).add(P1);
    p = p.mul(r).add(P2);
    p = p.mul(r).add(P3);
    p = p.mul(r).add(P4);
    p = p.mul(r).add(P5);
    FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
    FloatVector scale = (FloatVector) ki.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    return y.mul(scale);
  }

  /**
   * The lanes of {@code v} summed from the first to the last. {@code reduceLanes(ADD)} leaves the
   * order to the implementation, which may differ between compiled and interpreted code.
   */
  public static float sumLanes(FloatVector v) {
    float[] lanes = v.toArray();
    float s = 0f;
    for (float f : lanes) {
      s += f;
    }
    return s;
  }

  /** {@code x[j] = exp(x[j] − shift)} over {@code n} values from {@code off}; returns their sum (lane partial sums, then the tail, in a fixed order). */
  public static float expShiftedInPlace(float[] x, int off, int n, float shift) {
    int i = 0;
    int bound = S.loopBound(n);
    FloatVector acc = FloatVector.zero(S);
    for (; i < bound; i += S.length()) {
      FloatVector v = exp(FloatVector.fromArray(S, x, off + i).sub(shift));
      v.intoArray(x, off + i);
      acc = acc.add(v);
    }
    float sum = sumLanes(acc);
    for (; i < n; i++) {
      float e = exp(x[off + i] - shift);
      x[off + i] = e;
      sum += e;
    }
    return sum;
  }
}
