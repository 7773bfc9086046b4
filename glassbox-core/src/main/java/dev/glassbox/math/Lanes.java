package dev.glassbox.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API operations that give the same bits whether the code runs interpreted, C1- or
 * C2-compiled. The Vector API's own {@code lanewise(EXP)} is SVML's exp once compiled and
 * {@code Math.exp} per lane before, and its float {@code reduceLanes(ADD)} sums in tree order once
 * compiled and in lane order before; the bits then depend on when the JIT compiles a loop, so a
 * fit repeated in a fresh JVM could differ in the last place. These use only exactly rounded
 * lane operations (add, multiply, fused multiply-add, conversions) in a fixed order.
 */
public final class Lanes {
  /** The species every kernel here works in; a constant, so the JIT can compile the operations to vector instructions. */
  public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final float LOG2E = 1.44269504088896341f;
  /** ln 2 split so that {@code n·LN2_HI} is exact for |n| ≤ 2⁸ (Cody–Waite). */
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to the nearest integer. */
  private static final float SHIFTER = 12582912f;
  /** The bits of {@link #SHIFTER}: subtracting them from {@code x + SHIFTER}'s bits leaves the integer. */
  private static final int SHIFTER_BITS = 0x4B400000;
  /** Below this exp(x) is under float's smallest normal (2⁻¹²⁶); inputs are clamped here. */
  private static final float MIN_X = -87.33654f;
  /** Above this exp(x) overflows; inputs are clamped here. */
  private static final float MAX_X = 88.72283f;

  private Lanes() {}

  /**
   * {@code e^x} per lane, within a few ulp of {@link Math#exp}: {@code 2^n·p(r)} with
   * {@code n = round(x/ln 2)}, {@code r = x − n·ln 2} and {@code p} the degree-7 Taylor polynomial
   * (truncation below 1e-8 relative on |r| ≤ ln 2/2). Inputs are clamped to [−87.34, 88.72], so
   * results saturate at float's smallest normal (about 1.2e-38, also for −∞) and near its largest
   * finite value, instead of flushing to 0 or overflowing. {@code x} must be of {@link #SPECIES}.
   *
   * <p>Only adds, multiplies, fused multiply-adds, min/max, integer shifts and reinterpretations
   * are used: the Vector API compiles those to single instructions (its {@code convert} and masked
   * {@code blend} are not intrinsified here and were ten times slower).
   */
  public static FloatVector exp(FloatVector x) {
    VectorSpecies<Float> sp = SPECIES;
    FloatVector xc = x.max(MIN_X).min(MAX_X);
    // t carries round(x·log2 e) in its low mantissa bits; n is that integer as a float.
    FloatVector t = xc.fma(FloatVector.broadcast(sp, LOG2E), FloatVector.broadcast(sp, SHIFTER));
    FloatVector n = t.sub(SHIFTER);
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
    IntVector e = t.reinterpretAsInts().sub(SHIFTER_BITS);
    IntVector h1 = e.lanewise(VectorOperators.ASHR, 1);
    IntVector h2 = e.sub(h1);
    FloatVector s1 = h1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector s2 = h2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    return p.mul(s1).mul(s2);
  }

  /** {@code e^x} for one value, by the same steps as {@link #exp(FloatVector)} (for loop tails). */
  public static float exp(float x) {
    float xc = Math.min(Math.max(x, MIN_X), MAX_X);
    float t = Math.fma(xc, LOG2E, SHIFTER);
    float n = t - SHIFTER;
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
    int e = Float.floatToRawIntBits(t) - SHIFTER_BITS;
    int h1 = e >> 1;
    return p * Float.intBitsToFloat((h1 + 127) << 23) * Float.intBitsToFloat((e - h1 + 127) << 23);
  }

  /** The sum of the lanes, added in lane order (lane indices are constants so each read is one instruction). */
  public static float sum(FloatVector v) {
    switch (v.length()) {
      case 16:
        return v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3) + v.lane(4) + v.lane(5) + v.lane(6) + v.lane(7)
            + v.lane(8) + v.lane(9) + v.lane(10) + v.lane(11) + v.lane(12) + v.lane(13) + v.lane(14) + v.lane(15);
      case 8:
        return v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3) + v.lane(4) + v.lane(5) + v.lane(6) + v.lane(7);
      case 4:
        return v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3);
      default:
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
          s += v.lane(i);
        }
        return s;
    }
  }
}
