package dev.glassbox.concepts.select;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A modular term plus a facility-location coverage term over a dense benefit matrix:
 * {@code F(S) = Σ_{j∈S} w_j + β · Σ_i max(0, max_{j∈S} B_ji)}, which is monotone submodular for
 * {@code w ≥ 0} and {@code β ≥ 0}. Row {@code j} of {@code B} holds what item {@code j} offers each
 * "customer" {@code i}.
 *
 * <p>Both LaBo profiles are this function (see {@link SubmodularConfig.Profile}): the paper's
 * has customers = the class's candidates and {@code B_ji = cos(t_j, t_i)}; the released code's
 * has customers = the columns of {@code X = [α·MI | embedding]} and {@code B = X}. In both,
 * {@code w_j = α·MI(j)}.
 *
 * <p>The running column-wise maximum {@code cur} (starting at 0) is kept, so a gain costs one pass
 * over a row: {@code w_j + β·Σ_i max(0, B_ji − cur_i)}.
 */
public final class FacilityLocation implements SubmodularFunction {
  private final float[] benefit;
  private final int items;
  private final int customers;
  private final double[] modular;
  private final double beta;
  private final float[] cur;
  private double modularSum;

  /**
   * @param benefit {@code [items × customers]} row-major benefits (not copied; not modified)
   * @param modular {@code [items]} the modular weights {@code w_j ≥ 0} (not copied)
   * @param beta the coverage weight, ≥ 0
   */
  public FacilityLocation(float[] benefit, int items, int customers, double[] modular, double beta) {
    if ((long) items * customers != benefit.length) {
      throw new IllegalArgumentException(
          "benefit matrix holds " + benefit.length + " values but " + items + " items × " + customers + " customers need " + (long) items * customers);
    }
    if (modular.length != items) {
      throw new IllegalArgumentException("modular weights hold " + modular.length + " values for " + items + " items");
    }
    if (!(beta >= 0)) {
      throw new IllegalArgumentException("coverage weight beta must be ≥ 0, got " + beta);
    }
    this.benefit = benefit;
    this.items = items;
    this.customers = customers;
    this.modular = modular;
    this.beta = beta;
    this.cur = new float[customers];
  }

  @Override
  public int size() {
    return items;
  }

  @Override
  public double gain(int j) {
    return modular[j] + beta * coverageGain(benefit, j * customers, cur, customers);
  }

  /**
   * {@code Σ_i max(0, row_i − cur_i)} over a row starting at {@code off}. Each term is a rounded
   * float difference, monotone in {@code cur_i}, and the partial sums always add the same terms in
   * the same order (rounding is monotone): so the result never increases as {@code cur} grows.
   */
  static double coverageGain(float[] row, int off, float[] cur, int n) {
    if (LANES8) {
      return coverageGainVector(row, off, cur, n);
    }
    return coverageGainScalar(row, off, cur, n);
  }

  /** Whether 8-lane float vectors run in hardware (then {@link #coverageGainVector} is used). */
  private static final boolean LANES8 = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;

  private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;

  /**
   * {@link #coverageGainScalar} with its eight partial sums held in the lanes of one 8-lane vector:
   * lane {@code l} adds the same terms in the same order as {@code s_l}, so the result is bit-for-bit
   * the scalar one, at a fraction of its latency.
   */
  static double coverageGainVector(float[] row, int off, float[] cur, int n) {
    FloatVector acc = FloatVector.zero(S8);
    int i = 0;
    for (; i + 7 < n; i += 8) {
      FloatVector d = FloatVector.fromArray(S8, row, off + i).sub(FloatVector.fromArray(S8, cur, i));
      acc = acc.add(d.add(d.abs()));
    }
    float s0 = acc.lane(0);
    for (; i < n; i++) {
      float d = row[off + i] - cur[i];
      s0 += d + Math.abs(d);
    }
    return 0.5 * (((double) s0 + acc.lane(1)) + ((double) acc.lane(2) + acc.lane(3))
        + (((double) acc.lane(4) + acc.lane(5)) + ((double) acc.lane(6) + acc.lane(7))));
  }

  /** The scalar form of {@link #coverageGain}. */
  static double coverageGainScalar(float[] row, int off, float[] cur, int n) {
    // 2·max(0, d) = d + |d|, exact in float and without a branch (the items lazy greedy evaluates
    // are the ones with many positive terms, where a branch would be mispredicted half the time);
    // the factor 2 is removed once at the end, exactly. Eight float partial sums keep the
    // dependency chain short: lazy greedy waits for each gain before it knows which item to
    // evaluate next, so latency as much as throughput bounds it. Float partial sums lose at most
    // about 1e-3 relatively even over 50,000 customers (typically 1e-5), ample for ranking gains;
    // both maximisers see the same rounded values.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      int o = off + i;
      float d0 = row[o] - cur[i];
      float d1 = row[o + 1] - cur[i + 1];
      float d2 = row[o + 2] - cur[i + 2];
      float d3 = row[o + 3] - cur[i + 3];
      float d4 = row[o + 4] - cur[i + 4];
      float d5 = row[o + 5] - cur[i + 5];
      float d6 = row[o + 6] - cur[i + 6];
      float d7 = row[o + 7] - cur[i + 7];
      s0 += d0 + Math.abs(d0);
      s1 += d1 + Math.abs(d1);
      s2 += d2 + Math.abs(d2);
      s3 += d3 + Math.abs(d3);
      s4 += d4 + Math.abs(d4);
      s5 += d5 + Math.abs(d5);
      s6 += d6 + Math.abs(d6);
      s7 += d7 + Math.abs(d7);
    }
    for (; i < n; i++) {
      float d = row[off + i] - cur[i];
      s0 += d + Math.abs(d);
    }
    return 0.5 * (((double) s0 + s1) + ((double) s2 + s3) + (((double) s4 + s5) + ((double) s6 + s7)));
  }

  static void raise(float[] row, int off, float[] cur, int n) {
    for (int i = 0; i < n; i++) {
      // Math.max compiles to a branch-free select; cur never holds NaN, and max(+0, −0) = +0.
      cur[i] = Math.max(cur[i], row[off + i]);
    }
  }

  static double sumOf(float[] cur) {
    double s = 0;
    for (float v : cur) {
      s += v;
    }
    return s;
  }

  @Override
  public void add(int j) {
    modularSum += modular[j];
    raise(benefit, j * customers, cur, customers);
  }

  @Override
  public double value() {
    return modularSum + beta * sumOf(cur);
  }

  @Override
  public void reset() {
    Arrays.fill(cur, 0f);
    modularSum = 0;
  }
}
