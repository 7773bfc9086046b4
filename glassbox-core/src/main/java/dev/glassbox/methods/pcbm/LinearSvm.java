package dev.glassbox.methods.pcbm;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;

/**
 * A linear support vector machine with hinge loss and an unregularised bias: the problem that
 * scikit-learn's {@code SVC(kernel='linear', C)} (libsvm) solves and Post-hoc CBM fits per concept,
 *
 * <pre>  min_{w,b} ½‖w‖² + C Σ_i max(0, 1 − y_i(w·x_i + b)),   y_i ∈ {−1, +1}</pre>
 *
 * solved in its dual, {@code min_α ½αᵀQα − 1ᵀα} subject to {@code 0 ≤ α ≤ C} and {@code yᵀα = 0},
 * with {@code Q_ij = y_i y_j x_i·x_j}, by sequential minimal optimisation (Platt 1998) with the
 * second-order working-set selection of Fan, Chen &amp; Lin (JMLR 2005): {@code i} is the most
 * violating index among those that can move up, {@code j} the index that, paired with {@code i},
 * promises the largest decrease {@code b²/a} of the dual, where {@code b} is their gradient gap and
 * {@code a = K_ii + K_jj − 2K_ij}. The pair moves along {@code α_i += y_iδ, α_j −= y_jδ} (which keeps
 * {@code yᵀα = 0}) by {@code δ = b/a} clipped to the box. The solver stops when the largest KKT
 * violation {@code max_{up} −y_tG_t − min_{low} −y_tG_t} is at most {@code tolerance} (libsvm's
 * {@code eps}, 1e-3 by default in scikit-learn).
 *
 * <p>Unlike LIBLINEAR's dual coordinate descent, which regularises the bias as an extra feature,
 * this keeps the bias out of the penalty, so the hyperplane and its margin are SVC's. The bias is
 * {@code −y_tG_t} averaged over free support vectors ({@code 0 < α_t < C}), or the midpoint of its
 * KKT interval when there are none. The Gram matrix is formed once by one matrix product when it
 * fits in {@link #GRAM_LIMIT} values; larger problems compute the two needed kernel columns per
 * iteration. Gradients and the weight vector accumulate in double.
 */
public final class LinearSvm {
  /** The largest Gram matrix (values) formed up front: 4096 examples. */
  static final long GRAM_LIMIT = 4096L * 4096L;
  private static final double TAU = 1e-12;

  private LinearSvm() {}

  /**
   * A fitted SVM.
   *
   * @param weights {@code w}, one per input dimension
   * @param bias {@code b}
   * @param iterations SMO pair updates made
   * @param converged whether the KKT violation reached the tolerance within the iteration limit
   * @param violation the final KKT violation ({@code m(α) − M(α)})
   * @param supportVectors examples with {@code α > 0}
   */
  public record Model(double[] weights, double bias, long iterations, boolean converged, double violation, int supportVectors) {
    /** {@code ‖w‖}. */
    public double norm() {
      double s = 0;
      for (double v : weights) {
        s += v * v;
      }
      return Math.sqrt(s);
    }

    /** The geometric margin {@code 1/‖w‖} (half the width of the band between the two classes' supports). */
    public double margin() {
      return 1 / norm();
    }

    /** The decision value {@code w·x + b} of row {@code r} of {@code x}. */
    public double decision(FloatMatrix x, int r) {
      double s = bias;
      int d = x.cols();
      float[] a = x.data();
      for (int p = 0; p < d; p++) {
        s += weights[p] * a[r * d + p];
      }
      return s;
    }
  }

  /**
   * Fits the SVM on the rows of {@code x} with labels {@code positive[i]} (true for +1).
   *
   * @param c the penalty {@code C}, > 0 (may be infinite for a hard margin on separable data)
   * @param tolerance the stopping threshold on the KKT violation, > 0
   * @param maxIterations the iteration limit, ≥ 1
   */
  public static Model fit(FloatMatrix x, boolean[] positive, double c, double tolerance, long maxIterations) {
    int n = x.rows();
    int d = x.cols();
    if (positive.length != n) {
      throw new IllegalArgumentException("SVM has " + n + " examples but " + positive.length + " labels");
    }
    if (!(c > 0)) {
      throw new IllegalArgumentException("SVM C must be > 0, got " + c);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("SVM tolerance must be > 0, got " + tolerance);
    }
    boolean anyPos = false;
    boolean anyNeg = false;
    for (boolean p : positive) {
      anyPos |= p;
      anyNeg |= !p;
    }
    if (!anyPos || !anyNeg) {
      throw new IllegalArgumentException("SVM needs examples of both classes, got " + (anyPos ? "only positives" : "only negatives"));
    }
    Gram k = new Gram(x);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = positive[i] ? 1 : -1;
    }
    double[] alpha = new double[n];
    double[] g = new double[n];
    java.util.Arrays.fill(g, -1);
    long it = 0;
    double violation;
    boolean converged = false;
    while (true) {
      double gmax = Double.NEGATIVE_INFINITY;
      int i = -1;
      for (int t = 0; t < n; t++) {
        if (y[t] > 0 ? alpha[t] < c : alpha[t] > 0) {
          double v = -y[t] * g[t];
          if (v > gmax) {
            gmax = v;
            i = t;
          }
        }
      }
      double gmin = Double.POSITIVE_INFINITY;
      int j = -1;
      if (i >= 0) {
        float[] ki = k.column(i, 0);
        int oi = k.offset(i);
        double kii = ki[oi + i];
        double best = Double.POSITIVE_INFINITY;
        for (int t = 0; t < n; t++) {
          if (y[t] > 0 ? alpha[t] > 0 : alpha[t] < c) {
            double v = -y[t] * g[t];
            gmin = Math.min(gmin, v);
            double b = gmax - v;
            if (b > 0) {
              double a = kii + k.diagonal(t) - 2 * ki[oi + t];
              double obj = -b * b / (a > 0 ? a : TAU);
              if (obj < best) {
                best = obj;
                j = t;
              }
            }
          }
        }
      }
      violation = i < 0 ? 0 : gmax - gmin;
      if (i < 0 || j < 0 || violation <= tolerance) {
        converged = true;
        break;
      }
      if (it >= maxIterations) {
        break;
      }
      float[] ki = k.column(i, 0);
      float[] kj = k.column(j, 1);
      int oi = k.offset(i);
      int oj = k.offset(j);
      double a = ki[oi + i] + kj[oj + j] - 2.0 * ki[oi + j];
      double b = gmax + y[j] * g[j];
      double delta = b / (a > 0 ? a : TAU);
      double roomI = y[i] > 0 ? c - alpha[i] : alpha[i];
      double roomJ = y[j] > 0 ? alpha[j] : c - alpha[j];
      delta = Math.min(delta, Math.min(roomI, roomJ));
      alpha[i] = delta == roomI ? (y[i] > 0 ? c : 0) : alpha[i] + y[i] * delta;
      alpha[j] = delta == roomJ ? (y[j] > 0 ? 0 : c) : alpha[j] - y[j] * delta;
      for (int t = 0; t < n; t++) {
        g[t] += y[t] * delta * ((double) ki[oi + t] - kj[oj + t]);
      }
      it++;
    }
    double[] w = new double[d];
    int sv = 0;
    float[] xd = x.data();
    for (int t = 0; t < n; t++) {
      if (alpha[t] > 0) {
        sv++;
        double s = alpha[t] * y[t];
        for (int p = 0; p < d; p++) {
          w[p] += s * xd[t * d + p];
        }
      }
    }
    return new Model(w, bias(alpha, g, y, c), it, converged, violation, sv);
  }

  /** {@code −y_tG_t} averaged over free vectors, else the midpoint of the bias's KKT interval. */
  private static double bias(double[] alpha, double[] g, double[] y, double c) {
    double sum = 0;
    int free = 0;
    double lb = Double.NEGATIVE_INFINITY;
    double ub = Double.POSITIVE_INFINITY;
    for (int t = 0; t < alpha.length; t++) {
      double v = -y[t] * g[t];
      if (alpha[t] > 0 && alpha[t] < c) {
        sum += v;
        free++;
      } else if ((alpha[t] == 0) == (y[t] > 0)) {
        // α = 0 with y = +1, or α = C with y = −1: y(w·x + b) ≥ 1 or ≤ 1 bounds b from below.
        lb = Math.max(lb, v);
      } else {
        ub = Math.min(ub, v);
      }
    }
    if (free > 0) {
      return sum / free;
    }
    if (Double.isInfinite(lb)) {
      return ub;
    }
    if (Double.isInfinite(ub)) {
      return lb;
    }
    return (lb + ub) / 2;
  }

  /** Kernel values: the whole Gram matrix when small, else columns computed on demand. */
  private static final class Gram {
    private final FloatMatrix x;
    private final float[] full;
    private final float[] diag;
    private final float[][] cols;
    private final int[] cached = {-1, -1};

    Gram(FloatMatrix x) {
      this.x = x;
      int n = x.rows();
      int d = x.cols();
      if ((long) n * n <= GRAM_LIMIT) {
        full = new float[n * n];
        Kernels.gemm(false, true, n, n, d, 1f, x.data(), 0, d, x.data(), 0, d, 0f, full, 0, n);
        diag = null;
        cols = null;
      } else {
        full = null;
        diag = new float[n];
        for (int t = 0; t < n; t++) {
          diag[t] = Kernels.dot(d, x.data(), t * d, x.data(), t * d);
        }
        cols = new float[2][n];
      }
    }

    double diagonal(int t) {
      return full != null ? full[t * x.rows() + t] : diag[t];
    }

    /**
     * The array holding column {@code i} from {@link #offset(int)} (the Gram matrix is symmetric, so
     * its row {@code i}); {@code slot} picks one of two cached columns when they are computed.
     */
    float[] column(int i, int slot) {
      int n = x.rows();
      if (full != null) {
        return full;
      }
      if (cached[slot] != i) {
        int d = x.cols();
        Kernels.gemm(false, true, n, 1, d, 1f, x.data(), 0, d, x.data(), i * d, d, 0f, cols[slot], 0, 1);
        cached[slot] = i;
      }
      return cols[slot];
    }

    /** Where column {@code i} starts in the array {@link #column} returns. */
    int offset(int i) {
      return full != null ? i * x.rows() : 0;
    }
  }
}
