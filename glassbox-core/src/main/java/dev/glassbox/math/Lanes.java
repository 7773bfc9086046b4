package dev.glassbox.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API operations that give the same bits whether the code runs interpreted, C1- or
 * C2-compiled. The Vector API's own {@code lanewise(EXP)} is SVML's exp once compiled and
 * {@code Math.exp} per lane before, and its float {@code reduceLanes(ADD)} sums in tree order once
 * compiled and in lane order before; the bits then depend on when the JIT compiles a loop, so a
 * fit repeated in a fresh JVM could differ in the last place. These use only exactly rounded
 * lane operations (add, multiply, fused multiply-add, conversions) in a fixed order.
 */
public final class Lanes {
  private static final float LOG2E = 1.44269504088896341f;
  /** ln 2 split so that {@code n·LN2_HI} is exact for |n| ≤ 2⁸ (Cody–Waite). */
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to the nearest integer. */
  private static final float SHIFTER = 12582912f;
  /** Below this exp(x) is under float's smallest normal (2⁻¹²⁶); the result is 0. */
  private static final float MIN_X = -87.33654f;
  /** Above this exp(x) overflows; the result is +∞. */
  private static final float MAX_X = 88.72283f;

  private Lanes() {}

  /**
   * {@code e^x} per lane, within a few ulp of {@link Math#exp}: {@code 2^n·p(r)} with
   * {@code n = round(x/ln 2)}, {@code r = x − n·ln 2} and {@code p} the degree-7 Taylor polynomial
   * (truncation below 1e-8 relative on |r| ≤ ln 2/2). Results that would be subnormal are 0.
   */
  public static FloatVector exp(FloatVector x) {
    var sp = x.species();
    FloatVector xc = x.max(MIN_X).min(MAX_X);
    FloatVector n = xc.fma(LOG2E, SHIFTER).sub(SHIFTER);
    FloatVector r = n.fma(FloatVector.broadcast(sp, -LN2_HI), xc);
    r = n.fma(FloatVector.broadcast(sp, -LN2_LO), r);
    FloatVector p = FloatVector.broadcast(sp, 1f / 5040f);
    p = p.fma(r, FloatVector.broadcast(sp, 1f / 720f));
    p = p.fma(r, FloatVector.broadcast(sp, 1f / 120f));
    p = p.fma(r, FloatVector.broadcast(sp, 1f / 24f));
    p = p.fma(r, FloatVector.broadcast(sp, 1f / 6f));
    p = p.fma(r, FloatVector.broadcast(sp, 0.5f));
    p = p.fma(r, FloatVector.broadcast(sp, 1f));
    p = p.fma(r, FloatVector.broadcast(sp, 1f));
    // 2ⁿ as two normal powers of two, 2^⌊n/2⌋·2^(n−⌊n/2⌋), so n from −126 to 128 needs no special case.
    IntVector e = (IntVector) n.convert(VectorOperators.F2I, 0);
    IntVector h1 = e.lanewise(VectorOperators.ASHR, 1);
    IntVector h2 = e.sub(h1);
    FloatVector s1 = h1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector s2 = h2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector out = p.mul(s1).mul(s2);
    out = out.blend(0f, x.compare(VectorOperators.LT, MIN_X));
    return out.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, MAX_X));
  }

  /** {@code e^x} for one value, by the same steps as {@link #exp(FloatVector)} (for loop tails). */
  public static float exp(float x) {
    if (x < MIN_X) {
      return 0f;
    }
    if (x > MAX_X) {
      return Float.POSITIVE_INFINITY;
    }
    float xc = x;
    float n = Math.fma(xc, LOG2E, SHIFTER) - SHIFTER;
    float r = Math.fma(n, -LN2_HI, xc);
    r = Math.fma(n, -LN2_LO, r);
    float p = 1f / 5040f;
    p = Math.fma(p, r, 1f / 720f);
    p = Math.fma(p, r, 1f / 120f);
    p = Math.fma(p, r, 1f / 24f);
    p = Math.fma(p, r, 1f / 6f);
    p = Math.fma(p, r, 0.5f);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);
    int e = (int) n;
    int h1 = e >> 1;
    return p * Float.intBitsToFloat((h1 + 127) << 23) * Float.intBitsToFloat((e - h1 + 127) << 23);
  }

  /** The sum of the lanes, added in lane order. */
  public static float sum(FloatVector v) {
    float s = 0f;
    for (int i = 0; i < v.length(); i++) {
      s += v.lane(i);
    }
    return s;
  }
}
