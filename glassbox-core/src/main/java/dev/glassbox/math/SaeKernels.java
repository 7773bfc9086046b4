package dev.glassbox.math;

import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused elementwise passes of a sparse-autoencoder training step, one pass over each large
 * {@code [batch × atoms]} buffer where an eager framework makes several (bias add, ReLU, L1 sum,
 * firing count; ReLU mask, L1 sub-gradient, bias gradient). Each pass splits the columns into
 * blocks that run in parallel: a block owns its columns, so per-column sums and counts need no
 * reduction between threads, and the result does not depend on the number of threads. The
 * {@code …Reference} methods are the plain scalar twins the tests compare against.
 */
public final class SaeKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** Columns per parallel block: a multiple of every vector length, small enough to share work. */
  private static final int BLOCK = 256;
  /** Below this many elements a pass runs on the calling thread. */
  private static final long PARALLEL_MIN = 1L << 16;

  private SaeKernels() {}

  private static IntStream blocks(int rows, int cols) {
    IntStream s = IntStream.range(0, (cols + BLOCK - 1) / BLOCK);
    return (long) rows * cols >= PARALLEL_MIN ? s.parallel() : s;
  }

  /**
   * {@code a[r, j] = max(a[r, j] + bias[j], 0)} over {@code rows × cols} values from {@code off};
   * when {@code fired} is not null, {@code fired[j]} is increased by the number of rows where the
   * result is positive. Returns the sum of the results (the batch's L1 norm of the codes).
   */
  public static double biasRelu(float[] a, int off, int rows, int cols, float[] bias, float[] fired) {
    int nb = (cols + BLOCK - 1) / BLOCK;
    double[] sums = new double[nb];
    blocks(rows, cols).forEach(b -> sums[b] = biasReluBlock(a, off, rows, cols, bias, fired, b * BLOCK, Math.min(cols, (b + 1) * BLOCK)));
    double t = 0;
    for (double s : sums) {
      t += s;
    }
    return t;
  }

  private static double biasReluBlock(float[] a, int off, int rows, int cols, float[] bias, float[] fired, int c0, int c1) {
    int w = c1 - c0;
    int bound = S.loopBound(w);
    int len = S.length();
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int base = off + r * cols + c0;
      FloatVector acc = zero;
      int i = 0;
      for (; i < bound; i += len) {
        FloatVector v = FloatVector.fromArray(S, a, base + i).add(FloatVector.fromArray(S, bias, c0 + i)).max(zero);
        v.intoArray(a, base + i);
        acc = acc.add(v);
        if (fired != null) {
          VectorMask<Float> on = v.compare(VectorOperators.GT, 0f);
          FloatVector.fromArray(S, fired, c0 + i).add(one, on).intoArray(fired, c0 + i);
        }
      }
      float s = FastExp.sumLanes(acc);
      for (; i < w; i++) {
        float v = Math.max(a[base + i] + bias[c0 + i], 0f);
        a[base + i] = v;
        s += v;
        if (fired != null && v > 0f) {
          fired[c0 + i] += 1f;
        }
      }
      total += s;
    }
    return total;
  }

  /** Scalar reference of {@link #biasRelu}, summing in double. */
  public static double biasReluReference(float[] a, int off, int rows, int cols, float[] bias, float[] fired) {
    double t = 0;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        int i = off + r * cols + j;
        float v = Math.max(a[i] + bias[j], 0f);
        a[i] = v;
        t += v;
        if (fired != null && v > 0f) {
          fired[j] += 1f;
        }
      }
    }
    return t;
  }

  /**
   * The gradient through the ReLU, in place: {@code g[r, j] = f[r, j] > 0 ? g[r, j] + add : 0}
   * ({@code add} is the L1 term's derivative, λ/batch, which is constant where the code is
   * positive); {@code colSums[j]} is overwritten with {@code Σ_r g[r, j]} (the encoder bias's
   * gradient).
   */
  public static void maskedGradient(float[] g, float[] f, int rows, int cols, float add, float[] colSums) {
    blocks(rows, cols).forEach(b -> maskedGradientBlock(g, f, rows, cols, add, colSums, b * BLOCK, Math.min(cols, (b + 1) * BLOCK)));
  }

  private static void maskedGradientBlock(float[] g, float[] f, int rows, int cols, float add, float[] colSums, int c0, int c1) {
    int w = c1 - c0;
    int bound = S.loopBound(w);
    int len = S.length();
    FloatVector zero = FloatVector.zero(S);
    for (int i = c0; i < c1; i++) {
      colSums[i] = 0f;
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols + c0;
      int i = 0;
      for (; i < bound; i += len) {
        VectorMask<Float> on = FloatVector.fromArray(S, f, base + i).compare(VectorOperators.GT, 0f);
        FloatVector v = FloatVector.fromArray(S, g, base + i).add(add).blend(zero, on.not());
        v.intoArray(g, base + i);
        FloatVector.fromArray(S, colSums, c0 + i).add(v).intoArray(colSums, c0 + i);
      }
      for (; i < w; i++) {
        float v = f[base + i] > 0f ? g[base + i] + add : 0f;
        g[base + i] = v;
        colSums[c0 + i] += v;
      }
    }
  }

  /** Scalar reference of {@link #maskedGradient}. */
  public static void maskedGradientReference(float[] g, float[] f, int rows, int cols, float add, float[] colSums) {
    java.util.Arrays.fill(colSums, 0, cols, 0f);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        int i = r * cols + j;
        float v = f[i] > 0f ? g[i] + add : 0f;
        g[i] = v;
        colSums[j] += v;
      }
    }
  }

  /**
   * The reconstruction error's gradient, in place: {@code e[r, j] = scale·(e[r, j] − x[r, j])}
   * (with {@code e} holding the reconstruction on entry); {@code colSums[j]} is overwritten with
   * {@code Σ_r e[r, j]} (the output bias's gradient). Returns {@code Σ (e − x)²} on entry, the
   * summed squared error.
   */
  public static double reconstructionError(float[] e, float[] x, int rows, int cols, float scale, float[] colSums) {
    int nb = (cols + BLOCK - 1) / BLOCK;
    double[] sums = new double[nb];
    blocks(rows, cols).forEach(b -> sums[b] = reconstructionErrorBlock(e, x, rows, cols, scale, colSums, b * BLOCK, Math.min(cols, (b + 1) * BLOCK)));
    double t = 0;
    for (double s : sums) {
      t += s;
    }
    return t;
  }

  private static double reconstructionErrorBlock(float[] e, float[] x, int rows, int cols, float scale, float[] colSums, int c0, int c1) {
    int w = c1 - c0;
    int bound = S.loopBound(w);
    int len = S.length();
    for (int i = c0; i < c1; i++) {
      colSums[i] = 0f;
    }
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * cols + c0;
      FloatVector acc = FloatVector.zero(S);
      int i = 0;
      for (; i < bound; i += len) {
        FloatVector diff = FloatVector.fromArray(S, e, base + i).sub(FloatVector.fromArray(S, x, base + i));
        acc = diff.fma(diff, acc);
        FloatVector v = diff.mul(scale);
        v.intoArray(e, base + i);
        FloatVector.fromArray(S, colSums, c0 + i).add(v).intoArray(colSums, c0 + i);
      }
      float s = FastExp.sumLanes(acc);
      for (; i < w; i++) {
        float diff = e[base + i] - x[base + i];
        s += diff * diff;
        float v = diff * scale;
        e[base + i] = v;
        colSums[c0 + i] += v;
      }
      total += s;
    }
    return total;
  }

  /** Scalar reference of {@link #reconstructionError}, summing in double. */
  public static double reconstructionErrorReference(float[] e, float[] x, int rows, int cols, float scale, float[] colSums) {
    java.util.Arrays.fill(colSums, 0, cols, 0f);
    double t = 0;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        int i = r * cols + j;
        float diff = e[i] - x[i];
        t += (double) diff * diff;
        e[i] = diff * scale;
        colSums[j] += e[i];
      }
    }
    return t;
  }

  /** Scales each of {@code rows} rows of {@code a} to unit L2 norm (rows in parallel); zero rows stay zero. */
  public static void normalizeRows(float[] a, int rows, int cols) {
    int chunk = Math.max(1, (int) Math.min(rows, PARALLEL_MIN / Math.max(1, cols)));
    IntStream s = IntStream.range(0, (rows + chunk - 1) / chunk);
    if ((long) rows * cols >= PARALLEL_MIN) {
      s = s.parallel();
    }
    s.forEach(b -> {
      int r1 = Math.min(rows, (b + 1) * chunk);
      for (int r = b * chunk; r < r1; r++) {
        int base = r * cols;
        int i = 0;
        int bound = S.loopBound(cols);
        FloatVector acc = FloatVector.zero(S);
        for (; i < bound; i += S.length()) {
          FloatVector v = FloatVector.fromArray(S, a, base + i);
          acc = v.fma(v, acc);
        }
        double ss = FastExp.sumLanes(acc);
        for (; i < cols; i++) {
          ss += (double) a[base + i] * a[base + i];
        }
        if (ss > 0) {
          SoftmaxKernels.scaleInPlace(a, base, cols, (float) (1.0 / Math.sqrt(ss)));
        }
      }
    });
  }
}
