package dev.glassbox.head;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.SoftmaxKernels;
import java.util.Arrays;

/**
 * The numerical core of the elastic-net multinomial head: accelerated proximal gradient (FISTA
 * with backtracking and gradient-based adaptive restart, Beck &amp; Teboulle 2009; O'Donoghue &amp;
 * Candès 2015) on
 *
 * <pre>  F(W, b) = (1/n) Σ_i CE(W z_i + b, y_i) + λα‖W‖₁ + ½λ(1−α)‖W‖²</pre>
 *
 * restricted to a working set of concept columns (all other columns held at zero), with the
 * prox of both penalties applied exactly: {@code W ← S_{tλα}(V − t∇)/(1 + tλ(1−α))}.
 *
 * <p>The safe step is {@code 1/L} with {@code L = σ_max([Z 1])²/(2n)}: the Hessian of the softmax
 * cross-entropy is bounded by ½·I (Böhning's bound) times the data's Gram matrix.
 *
 * <p>Implementation: logits are kept class-major ({@code [c × n]}), the layout the products give
 * and the one the vectorised softmax pass reads; when the weights are sparse (as the elastic net
 * makes them) the logits are built from the non-zero weights only, one contiguous
 * {@code axpy} over the items per weight, instead of a dense product. One instance holds one
 * training set; it is not thread-safe.
 */
final class MultinomialElasticNet {
  /**
   * Below this share of non-zero weights the logits are built sparsely. A dense product does the
   * same multiply-adds several times more efficiently (BLAS packs and reuses registers; a sparse
   * axpy streams), so the sparse form must skip most of the work to win.
   */
  private static final double SPARSE_DENSITY = 0.05;

  /** Items per block of the sparse logits, so a block's feature and logit rows stay in cache. */
  private static final int ITEM_BLOCK = 2048;

  /** Multiply-adds above which the sparse logits run on every core. */
  private static final long PARALLEL_WORK = 1L << 22;

  final FloatMatrix z;
  /** {@code Zᵀ}, so that a working set's columns are contiguous rows. */
  final FloatMatrix zt;
  final int[] y;
  final int n;
  final int k;
  final int c;
  final float lipschitz;
  /**
   * Optional sign constraints per weight ({@code [c × k]}): +1 keeps the weight ≥ 0, −1 keeps it ≤ 0,
   * 2 holds it at 0, 0 leaves it free; null for none. The constrained prox is exact: soft-threshold, shrink, then
   * clamp to the allowed sign.
   */
  final byte[] signs;

  MultinomialElasticNet(FloatMatrix z, int[] y, int numClasses) {
    this(z, y, numClasses, null);
  }

  MultinomialElasticNet(FloatMatrix z, int[] y, int numClasses, byte[] signs) {
    if (signs != null && signs.length != numClasses * z.cols()) {
      throw new IllegalArgumentException("sign constraints cover " + signs.length + " weights but the head has " + numClasses * z.cols());
    }
    this.signs = signs;
    this.z = z;
    this.zt = z.transpose();
    this.y = y;
    this.n = z.rows();
    this.k = z.cols();
    this.c = numClasses;
    this.lipschitz = (float) (spectralNormSquaredWithBias(z) / (2.0 * n));
    // Features whose squared scale leaves float range give no usable step size (the solver would
    // loop without ever accepting a step): refused, naming the cure.
    if (!(Float.isFinite(lipschitz) && lipschitz > 0)) {
      throw new IllegalArgumentException("the head's features are too large for the solver: their squared spectral norm leaves float "
          + "range (largest |value| " + maxAbs(z) + "); rescale the embeddings (e.g. to unit length) before training");
    }
  }

  /** The state of the solver: weights {@code [c × k]} (zero outside the working set) and biases. */
  static final class State {
    final float[] w;
    final float[] b;

    State(float[] w, float[] b) {
      this.w = w;
      this.b = b;
    }

    State copy() {
      return new State(w.clone(), b.clone());
    }
  }

  /** What one full-data evaluation at a point gives. */
  record Evaluation(double loss, long hits, float[] gradW, float[] gradB) {}

  /** The intercept-only optimum: zero weights, biases = log class frequencies. */
  State interceptOnly() {
    double[] freq = new double[c];
    for (int label : y) {
      freq[label]++;
    }
    float[] b = new float[c];
    for (int j = 0; j < c; j++) {
      // A class absent from training gets a very low (finite) prior rather than -∞.
      b[j] = (float) Math.log(Math.max(freq[j], 1e-3) / n);
    }
    return new State(new float[c * k], b);
  }

  /** Loss, hits and the full gradient {@code (P − Y)ᵀZ/n} at {@code s}. */
  Evaluation evaluate(State s) {
    float[] logits = new float[c * n];
    logits(zt.data(), k, s.w, s.b, logits);
    SoftmaxKernels.LossAndHits lh = SoftmaxKernels.crossEntropyGradientClassMajor(logits, c, n, y, 1f / n);
    float[] g = new float[c * k];
    Kernels.gemm(false, false, c, k, n, 1f, logits, 0, n, z.data(), 0, k, 0f, g, 0, k);
    return new Evaluation(lh.loss() / n, lh.hits(), g, rowSums(logits, c, n));
  }

  /** The largest violation of the elastic-net KKT conditions at {@code s}, given its gradient. */
  static double kktViolation(State s, Evaluation e, double lambda, double alpha, int c, int k) {
    return kktViolation(s, e, lambda, alpha, c, k, null);
  }

  /**
   * The largest violation of the KKT conditions with optional sign constraints: at a zero weight
   * constrained to one sign, only a gradient pushing towards the allowed sign counts.
   */
  static double kktViolation(State s, Evaluation e, double lambda, double alpha, int c, int k, byte[] signs) {
    double l1 = lambda * alpha;
    double l2 = lambda * (1 - alpha);
    double worst = 0;
    for (int i = 0; i < c * k; i++) {
      double w = s.w[i];
      double g = e.gradW()[i] + l2 * w;
      double v = w != 0 ? Math.abs(g + l1 * Math.signum(w)) : Math.max(0, pushed(g, signs == null ? 0 : signs[i]) - l1);
      worst = Math.max(worst, v);
    }
    for (float gb : e.gradB()) {
      worst = Math.max(worst, Math.abs(gb));
    }
    return worst;
  }

  /**
   * How hard the gradient {@code g} pushes a zero weight away from zero in an allowed direction:
   * {@code |g|} when free, {@code −g} when only positive weights are allowed, {@code g} when only
   * negative ones are.
   */
  static double pushed(double g, int sign) {
    return sign == FIXED_ZERO ? 0 : sign > 0 ? -g : sign < 0 ? g : Math.abs(g);
  }

  /** The sign-constraint value that holds a weight at zero. */
  static final byte FIXED_ZERO = 2;

  static double penalty(State s, double lambda, double alpha) {
    double a = 0;
    double q = 0;
    for (float w : s.w) {
      a += Math.abs(w);
      q += (double) w * w;
    }
    return lambda * alpha * a + 0.5 * lambda * (1 - alpha) * q;
  }

  /** Result of one restricted solve. */
  record Solve(int iterations, boolean converged) {}

  /**
   * Minimises F over the columns in {@code active} (ascending), starting from {@code s} and
   * updating it in place; columns outside {@code active} must be zero in {@code s}.
   *
   * <p>FISTA with backtracking: each step starts from the last accepted step size raised by 10%
   * and halves it until the sufficient-decrease condition holds, never going below the safe
   * {@code 1/L}. Logits are linear in the parameters, so the extrapolated point's logits are
   * combined from the last two iterates' instead of being recomputed: per iteration one product
   * for the gradient and one (usually sparse) for the new iterate's logits.
   */
  Solve solve(State s, int[] active, double lambda, double alpha, double tol, int maxIter) {
    int m = active.length;
    int nc = n * c;
    float[] zs = gather(active);
    byte[] sg = signs == null ? null : compressSigns(active);
    float[] w = compress(s.w, active);
    float[] b = s.b.clone();
    float[] v = w.clone();
    float[] bv = b.clone();
    float[] wn = new float[c * m];
    float[] bn = new float[c];
    float[] g = new float[c * m];
    float[] logitsW = new float[nc];
    float[] logitsN = new float[nc];
    float[] logitsV = new float[nc];
    float[] work = new float[nc];
    logits(zs, m, w, b, logitsW);
    System.arraycopy(logitsW, 0, logitsV, 0, nc);
    float tMin = 1f / lipschitz;
    float t = tMin * 4f;
    double l1 = lambda * alpha;
    double l2 = lambda * (1 - alpha);
    double theta = 1;
    boolean converged = false;
    int it = 0;
    while (it < maxIter) {
      it++;
      System.arraycopy(logitsV, 0, work, 0, nc);
      double fv = SoftmaxKernels.crossEntropyGradientClassMajorLoss(work, c, n, y, 1f / n) / n;
      if (m > 0) {
        Kernels.gemm(false, true, c, m, n, 1f, work, 0, n, zs, 0, n, 0f, g, 0, m);
      }
      float[] gb = rowSums(work, c, n);
      float gm;
      while (true) {
        float thr = (float) (t * l1);
        float shrink = (float) (1.0 / (1.0 + t * l2));
        double lin = 0;
        double sq = 0;
        gm = 0;
        for (int i = 0; i < c * m; i++) {
          float u = v[i] - t * g[i];
          float a = Math.abs(u) - thr;
          float nw = a > 0 ? Math.copySign(a, u) * shrink : 0f;
          if (sg != null && (sg[i] == FIXED_ZERO || (sg[i] > 0 ? nw < 0 : sg[i] < 0 && nw > 0))) {
            nw = 0f;
          }
          wn[i] = nw;
          float d = nw - v[i];
          lin += (double) g[i] * d;
          sq += (double) d * d;
          gm = Math.max(gm, Math.abs(d));
        }
        for (int j = 0; j < c; j++) {
          bn[j] = bv[j] - t * gb[j];
          float d = bn[j] - bv[j];
          lin += (double) gb[j] * d;
          sq += (double) d * d;
          gm = Math.max(gm, Math.abs(d));
        }
        logits(zs, m, wn, bn, logitsN);
        if (t <= tMin) {
          break;
        }
        double fn = SoftmaxKernels.crossEntropyLossClassMajor(logitsN, c, n, y) / n;
        // Sufficient decrease of the smooth part; the slack absorbs float rounding of the loss.
        if (fn <= fv + lin + sq / (2 * t) + 1e-7 * (1 + Math.abs(fv))) {
          break;
        }
        t = Math.max(tMin, t * 0.5f);
      }
      if (gm / t <= tol) {
        System.arraycopy(wn, 0, w, 0, wn.length);
        System.arraycopy(bn, 0, b, 0, c);
        converged = true;
        break;
      }
      // Gradient-based restart: when the step goes against the momentum, drop the momentum.
      double dir = 0;
      for (int i = 0; i < c * m; i++) {
        dir += (double) (v[i] - wn[i]) * (wn[i] - w[i]);
      }
      for (int j = 0; j < c; j++) {
        dir += (double) (bv[j] - bn[j]) * (bn[j] - b[j]);
      }
      double thetaNext;
      float beta;
      if (dir > 0) {
        thetaNext = 1;
        beta = 0f;
      } else {
        thetaNext = (1 + Math.sqrt(1 + 4 * theta * theta)) / 2;
        beta = (float) ((theta - 1) / thetaNext);
      }
      for (int i = 0; i < c * m; i++) {
        v[i] = wn[i] + beta * (wn[i] - w[i]);
        w[i] = wn[i];
      }
      for (int j = 0; j < c; j++) {
        bv[j] = bn[j] + beta * (bn[j] - b[j]);
        b[j] = bn[j];
      }
      if (beta == 0f) {
        System.arraycopy(logitsN, 0, logitsV, 0, nc);
      } else {
        for (int i = 0; i < nc; i++) {
          logitsV[i] = logitsN[i] + beta * (logitsN[i] - logitsW[i]);
        }
      }
      float[] tmp = logitsW;
      logitsW = logitsN;
      logitsN = tmp;
      theta = thetaNext;
      t *= 1.1f;
    }
    if (!converged) {
      // Out of iterations: keep the last proximal point, which has the penalty's sparsity.
      System.arraycopy(wn, 0, w, 0, wn.length);
      System.arraycopy(bn, 0, b, 0, c);
    }
    Arrays.fill(s.w, 0f);
    expand(w, active, s.w);
    System.arraycopy(b, 0, s.b, 0, c);
    return new Solve(it, converged);
  }

  /** Top-1 hits of {@code s} on {@code data} (any rows). */
  long hits(State s, FloatMatrix data, int[] labels) {
    int rows = data.rows();
    if (rows == 0) {
      return 0;
    }
    float[] out = new float[rows * c];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(s.b, 0, out, r * c, c);
    }
    Kernels.gemm(false, true, rows, c, k, 1f, data.data(), 0, k, s.w, 0, k, 1f, out, 0, c);
    long h = 0;
    for (int r = 0; r < rows; r++) {
      if (Matrices.argmax(out, r * c, c) == labels[r]) {
        h++;
      }
    }
    return h;
  }

  /**
   * Class-major logits {@code out[c × n] = W·cols + b} for weights {@code w[c × m]} over the
   * {@code m} feature rows of {@code cols[m × n]}: one {@code axpy} per non-zero weight when the
   * weights are sparse, a dense product otherwise.
   */
  private void logits(float[] cols, int m, float[] w, float[] b, float[] out) {
    int nnz = 0;
    for (int i = 0; i < c * m; i++) {
      if (w[i] != 0f) {
        nnz++;
      }
    }
    if (nnz == 0 || nnz >= SPARSE_DENSITY * c * m) {
      for (int cl = 0; cl < c; cl++) {
        Arrays.fill(out, cl * n, (cl + 1) * n, b[cl]);
      }
      if (nnz > 0) {
        Kernels.gemm(false, false, c, n, m, 1f, w, 0, m, cols, 0, n, 1f, out, 0, n);
      }
    } else {
      int[] idx = new int[nnz];
      float[] val = new float[nnz];
      int[] start = new int[c + 1];
      int q = 0;
      for (int cl = 0; cl < c; cl++) {
        start[cl] = q;
        int base = cl * m;
        for (int j = 0; j < m; j++) {
          float wv = w[base + j];
          if (wv != 0f) {
            idx[q] = j;
            val[q++] = wv;
          }
        }
      }
      start[c] = q;
      // Item blocks are independent: both cores take blocks (each writes only its own columns).
      int blocks = (n + ITEM_BLOCK - 1) / ITEM_BLOCK;
      java.util.stream.IntStream range = java.util.stream.IntStream.range(0, blocks);
      if ((long) nnz * n >= PARALLEL_WORK) {
        range = range.parallel();
      }
      range.forEach(blk -> {
        int b0 = blk * ITEM_BLOCK;
        int len = Math.min(ITEM_BLOCK, n - b0);
        for (int cl = 0; cl < c; cl++) {
          Arrays.fill(out, cl * n + b0, cl * n + b0 + len, b[cl]);
          for (int p = start[cl]; p < start[cl + 1]; p++) {
            Kernels.axpy(len, val[p], cols, idx[p] * n + b0, out, cl * n + b0);
          }
        }
      });
    }
  }

  /** The working set's columns of Z as rows of a {@code [m × n]} array. */
  private float[] gather(int[] active) {
    float[] out = new float[active.length * n];
    for (int i = 0; i < active.length; i++) {
      System.arraycopy(zt.data(), active[i] * n, out, i * n, n);
    }
    return out;
  }

  private byte[] compressSigns(int[] active) {
    int m = active.length;
    byte[] out = new byte[c * m];
    for (int cl = 0; cl < c; cl++) {
      for (int i = 0; i < m; i++) {
        out[cl * m + i] = signs[cl * k + active[i]];
      }
    }
    return out;
  }

  private float[] compress(float[] full, int[] active) {
    int m = active.length;
    float[] out = new float[c * m];
    for (int cl = 0; cl < c; cl++) {
      for (int i = 0; i < m; i++) {
        out[cl * m + i] = full[cl * k + active[i]];
      }
    }
    return out;
  }

  private void expand(float[] compact, int[] active, float[] full) {
    int m = active.length;
    for (int cl = 0; cl < c; cl++) {
      for (int i = 0; i < m; i++) {
        full[cl * k + active[i]] = compact[cl * m + i];
      }
    }
  }

  /** Sum of each row of a {@code [rows × cols]} array. */
  private static float[] rowSums(float[] a, int rows, int cols) {
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = Kernels.sum(a, r * cols, cols);
    }
    return out;
  }

  /**
   * {@code σ_max([Z 1])²} by power iteration on {@code [Z 1]ᵀ[Z 1]}, started from the all-ones
   * vector; the Rayleigh quotient is raised by 2% to cover the iteration's underestimate.
   */
  private static float maxAbs(FloatMatrix z) {
    float m = 0;
    for (float v : z.data()) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  static double spectralNormSquaredWithBias(FloatMatrix z) {
    int n = z.rows();
    int k = z.cols();
    float[] v = new float[k];
    Arrays.fill(v, 1f);
    float vb = 1f;
    float[] u = new float[n];
    float[] nv = new float[k];
    double est = 0;
    for (int it = 0; it < 60; it++) {
      double norm = Math.sqrt(Kernels.dot(k, v, 0, v, 0) + (double) vb * vb);
      if (norm == 0) {
        return 1;
      }
      float inv = (float) (1 / norm);
      for (int j = 0; j < k; j++) {
        v[j] *= inv;
      }
      vb *= inv;
      Arrays.fill(u, vb);
      Kernels.gemm(false, false, n, 1, k, 1f, z.data(), 0, k, v, 0, 1, 1f, u, 0, 1);
      Kernels.gemm(true, false, k, 1, n, 1f, z.data(), 0, k, u, 0, 1, 0f, nv, 0, 1);
      double ub = 0;
      for (float x : u) {
        ub += x;
      }
      double next = Kernels.dot(k, nv, 0, v, 0) + ub * vb;
      System.arraycopy(nv, 0, v, 0, k);
      vb = (float) ub;
      if (it > 5 && Math.abs(next - est) <= 1e-6 * next) {
        est = next;
        break;
      }
      est = next;
    }
    return Math.max(est, 1e-12) * 1.02;
  }
}
