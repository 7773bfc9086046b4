package dev.glassbox.concepts.select;

import java.util.Arrays;

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
   * float difference, monotone in {@code cur_i}, and the four partial sums always add the same
   * terms in the same order: so the result never increases as {@code cur} grows.
   */
  static double coverageGain(float[] row, int off, float[] cur, int n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      float d0 = row[off + i] - cur[i];
      float d1 = row[off + i + 1] - cur[i + 1];
      float d2 = row[off + i + 2] - cur[i + 2];
      float d3 = row[off + i + 3] - cur[i + 3];
      s0 += d0 > 0f ? d0 : 0f;
      s1 += d1 > 0f ? d1 : 0f;
      s2 += d2 > 0f ? d2 : 0f;
      s3 += d3 > 0f ? d3 : 0f;
    }
    for (; i < n; i++) {
      float d = row[off + i] - cur[i];
      s0 += d > 0f ? d : 0f;
    }
    return (s0 + s1) + (s2 + s3);
  }

  static void raise(float[] row, int off, float[] cur, int n) {
    for (int i = 0; i < n; i++) {
      float v = row[off + i];
      if (v > cur[i]) {
        cur[i] = v;
      }
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
