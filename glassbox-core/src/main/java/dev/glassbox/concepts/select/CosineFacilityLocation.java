package dev.glassbox.concepts.select;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import java.util.Arrays;

/**
 * The paper profile's function, {@code F(S) = Σ_{j∈S} w_j + β · Σ_i max(0, max_{j∈S} cos(t_i, t_j))},
 * for pools too large for the dense {@code [n × n]} similarity matrix that {@link FacilityLocation}
 * holds. Similarity rows are computed by BLAS a block of rows at a time ({@code [b × d]·[d × n]})
 * and the most recently used blocks are kept.
 *
 * <p>Row {@code j} is always computed as part of the same block {@code ⌊j / b⌋} by the same
 * product, so its values are identical every time it is recomputed: the exactness contract of
 * {@link SubmodularFunction} holds, and lazy and plain greedy still pick the same items.
 */
public final class CosineFacilityLocation implements SubmodularFunction {
  private final float[] unit;
  private final int n;
  private final int dim;
  private final double[] modular;
  private final double beta;
  private final float[] cur;
  private final int blockRows;
  private final int[] cachedBlock;
  private final long[] lastUse;
  private final float[][] cache;
  private long clock;
  private double modularSum;

  /**
   * @param unitEmbeddings {@code [n × d]} embeddings normalised to unit length (not copied)
   * @param modular {@code [n]} the modular weights {@code w_j ≥ 0} (not copied)
   * @param beta the coverage weight, ≥ 0
   * @param cacheBytes memory for cached similarity blocks, at least one block is always kept
   */
  public CosineFacilityLocation(FloatMatrix unitEmbeddings, double[] modular, double beta, long cacheBytes) {
    this.n = unitEmbeddings.rows();
    this.dim = unitEmbeddings.cols();
    if (modular.length != n) {
      throw new IllegalArgumentException("modular weights hold " + modular.length + " values for " + n + " items");
    }
    if (!(beta >= 0)) {
      throw new IllegalArgumentException("coverage weight beta must be ≥ 0, got " + beta);
    }
    this.unit = unitEmbeddings.data();
    this.modular = modular;
    this.beta = beta;
    this.cur = new float[n];
    // Any row costs one pass over all n embeddings, so a block of 16 rows costs little more than
    // one row in memory traffic, keeps BLAS efficient, and wastes little on a lazy re-evaluation.
    this.blockRows = (int) Math.max(1, Math.min(16, n));
    int slots = (int) Math.max(1, Math.min(1024, cacheBytes / (4L * blockRows * n)));
    this.cachedBlock = new int[slots];
    Arrays.fill(cachedBlock, -1);
    this.lastUse = new long[slots];
    this.cache = new float[slots][];
  }

  @Override
  public int size() {
    return n;
  }

  private int slotOf(int block) {
    int victim = 0;
    for (int s = 0; s < cachedBlock.length; s++) {
      if (cachedBlock[s] == block) {
        lastUse[s] = ++clock;
        return s;
      }
      if (lastUse[s] < lastUse[victim]) {
        victim = s;
      }
    }
    int r0 = block * blockRows;
    int rows = Math.min(blockRows, n - r0);
    if (cache[victim] == null) {
      cache[victim] = new float[blockRows * n];
    }
    Kernels.gemm(false, true, rows, n, dim, 1f, unit, r0 * dim, dim, unit, 0, dim, 0f, cache[victim], 0, n);
    cachedBlock[victim] = block;
    lastUse[victim] = ++clock;
    return victim;
  }

  @Override
  public double gain(int j) {
    int s = slotOf(j / blockRows);
    return modular[j] + beta * FacilityLocation.coverageGain(cache[s], (j % blockRows) * n, cur, n);
  }

  @Override
  public void add(int j) {
    int s = slotOf(j / blockRows);
    modularSum += modular[j];
    FacilityLocation.raise(cache[s], (j % blockRows) * n, cur, n);
  }

  @Override
  public double value() {
    return modularSum + beta * FacilityLocation.sumOf(cur);
  }

  @Override
  public void reset() {
    Arrays.fill(cur, 0f);
    modularSum = 0;
  }
}
