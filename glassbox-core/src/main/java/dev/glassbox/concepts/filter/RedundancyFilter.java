package dev.glassbox.concepts.filter;

import dev.glassbox.concepts.Concept;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops near-duplicate concepts (Label-free CBM, Oikarinen et al., ICLR 2023, the concept–concept
 * step of its concept-set processor). Pairs are visited in index order, {@code i} ascending and then
 * {@code j > i} ascending, skipping concepts already dropped; when {@code cos(t_i, t_j) ≥ threshold}
 * the one with the lower summed similarity to all candidates is dropped, keeping the more general
 * one, as Label-free CBM does. On equal sums the later concept ({@code j}) is dropped, so the result
 * depends only on the input order.
 *
 * <p>Label-free CBM measures this similarity with all-mpnet-base-v2; here it is the cosine of the
 * candidates' own normalised text embeddings. The summed similarity of {@code i} is
 * {@code t̂_i·Σ_j t̂_j} (the sum of row {@code i} of the cosine matrix, by linearity), and the pairs
 * are found by BLAS products of row blocks, so the {@code [n × n]} matrix is never held.
 *
 * @param threshold the cosine at or above which two concepts are redundant, in [-1, 1]. Default
 *     0.9, Label-free CBM's {@code OTHER_SIM_CUTOFF}
 */
public record RedundancyFilter(double threshold) implements ConceptFilter {
  public RedundancyFilter {
    if (!(threshold >= -1 && threshold <= 1)) {
      throw new IllegalArgumentException("redundancy filter threshold must be in [-1, 1], got " + threshold);
    }
  }

  public static RedundancyFilter defaults() {
    return new RedundancyFilter(0.9);
  }

  @Override
  public String name() {
    return "redundancy";
  }

  @Override
  public FilterResult apply(ConceptEmbeddings candidates, FilterContext context) {
    Filters.requireCandidates(candidates, name());
    FloatMatrix unit = Filters.unitRows(candidates, name());
    int n = unit.rows();
    int d = unit.cols();
    float[] u = unit.data();
    double[] total = new double[d];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < d; p++) {
        total[p] += u[i * d + p];
      }
    }
    double[] summed = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int p = 0; p < d; p++) {
        s += u[i * d + p] * total[p];
      }
      summed[i] = s;
    }
    boolean[] drop = new boolean[n];
    List<DroppedConcept> dropped = new ArrayList<>();
    int block = Math.max(1, Math.min(n, (1 << 23) / n));
    float[] sim = new float[block * n];
    for (int b0 = 0; b0 < n; b0 += block) {
      int rows = Math.min(block, n - b0);
      // Only the columns right of the block's first row are read.
      int c0 = b0 + 1;
      int cols = n - c0;
      if (cols <= 0) {
        break;
      }
      Kernels.gemm(false, true, rows, cols, d, 1f, u, b0 * d, d, u, c0 * d, d, 0f, sim, 0, cols);
      for (int r = 0; r < rows; r++) {
        int i = b0 + r;
        if (drop[i]) {
          continue;
        }
        int off = r * cols - c0;
        for (int j = i + 1; j < n; j++) {
          if (drop[j]) {
            continue;
          }
          float s = sim[off + j];
          if (s >= threshold) {
            boolean dropI = summed[i] < summed[j];
            int loser = dropI ? i : j;
            int winner = dropI ? j : i;
            drop[loser] = true;
            Concept c = candidates.concepts().get(loser);
            dropped.add(new DroppedConcept(c, name(), DropReason.REDUNDANT, s, threshold,
                "cosine " + Filters.fmt(s) + " with " + Filters.quote(candidates.concepts().get(winner).text())
                    + ", which has the higher summed similarity to all candidates (" + Filters.fmt(summed[winner]) + " vs "
                    + Filters.fmt(summed[loser]) + ") and is kept as the more general concept"));
            if (dropI) {
              break;
            }
          }
        }
      }
    }
    return Filters.result(name(), candidates, drop, dropped);
  }
}
