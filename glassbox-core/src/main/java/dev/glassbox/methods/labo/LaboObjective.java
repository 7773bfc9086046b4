package dev.glassbox.methods.labo;

import dev.glassbox.math.FastExp;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.SoftmaxKernels;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * LaBo's training objective on a batch of precomputed concept scores {@code S [B × K]} (the fast
 * path of LaBo's code: image–concept dot products computed once), with its exact gradient:
 *
 * <pre>
 *   A = softmax_rows(W)                      [C × K]
 *   Z = s·S·Aᵀ                               [B × C]
 *   F = (1/B) Σ_i CE(Z_i, y_i) + λ₁·max_y ‖W_y‖₁ − λ_d·(1/C) Σ_j Var_i(Z_ij)
 * </pre>
 *
 * Backward: {@code G = ∂F/∂Z = (softmax(Z) − Y)/B − (2λ_d/(C·B))·(Z − Z̄)} (Z̄ the batch mean of each
 * column); {@code ∂F/∂A = s·Gᵀ·S}; through the row softmax,
 * {@code ∂F/∂W[y,c] = A[y,c]·(∂F/∂A[y,c] − Σ_c' A[y,c']·∂F/∂A[y,c'])}; the L1 term adds
 * {@code λ₁·sign(W[y*,c])} on the row {@code y*} of largest L1 norm (the first on ties; sign 0 at
 * 0), its subgradient. Two matrix products per batch; everything else is one pass over
 * {@code W}, run in parallel over classes (each row independently, so results do not depend on the
 * thread count). Holds work buffers: one instance per training run, not thread-safe.
 */
final class LaboObjective {
  /** Below this many entries of W the row passes run on one thread. */
  private static final int PARALLEL_MIN = 1 << 16;
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  final int classes;
  final int concepts;
  final float scale;
  final double l1;
  final double diversity;

  private float[] z = new float[0];
  private float[] zc = new float[0];
  final float[] a;
  final float[] gradA;

  LaboObjective(int classes, int concepts, double scale, double l1, double diversity) {
    this.classes = classes;
    this.concepts = concepts;
    this.scale = (float) scale;
    this.l1 = l1;
    this.diversity = diversity;
    this.a = new float[classes * concepts];
    this.gradA = new float[classes * concepts];
  }

  /** {@code out = softmax_rows(w)}. */
  void softmax(float[] w, float[] out) {
    rows(y -> {
      int base = y * concepts;
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < concepts; c++) {
        max = Math.max(max, w[base + c]);
      }
      System.arraycopy(w, base, out, base, concepts);
      float sum = SoftmaxKernels.expShiftedInPlace(out, base, concepts, max);
      SoftmaxKernels.scaleInPlace(out, base, concepts, 1f / sum);
    });
  }

  /**
   * The objective at {@code w} on batch {@code s [b × K]} with labels {@code y}; writes
   * {@code ∂F/∂W} into {@code grad} and leaves {@code softmax(w)} in {@link #a}.
   */
  double lossAndGradient(float[] w, float[] s, int b, int[] y, float[] grad) {
    int c = classes;
    int k = concepts;
    softmax(w, a);
    ensure(b * c);
    Kernels.gemm(false, true, b, c, k, scale, s, 0, k, a, 0, k, 0f, z, 0, c);
    double divTerm = 0;
    if (diversity > 0) {
      System.arraycopy(z, 0, zc, 0, b * c);
    }
    double loss = SoftmaxKernels.crossEntropyGradient(z, b, c, y, 1f / b).loss() / b;
    if (diversity > 0) {
      // F_d = −λ_d/C · Σ_j (1/B) Σ_i (Z_ij − Z̄_j)²; ∂F_d/∂Z_ij = −(2λ_d/(C·B))·(Z_ij − Z̄_j).
      double[] mean = new double[c];
      for (int i = 0; i < b; i++) {
        for (int j = 0; j < c; j++) {
          mean[j] += zc[i * c + j];
        }
      }
      for (int j = 0; j < c; j++) {
        mean[j] /= b;
      }
      double var = 0;
      float coef = (float) (-2 * diversity / ((double) c * b));
      for (int i = 0; i < b; i++) {
        for (int j = 0; j < c; j++) {
          double dv = zc[i * c + j] - mean[j];
          var += dv * dv;
          z[i * c + j] += (float) (coef * dv);
        }
      }
      divTerm = -diversity * var / ((double) b * c);
    }
    Kernels.gemm(true, false, c, k, b, scale, z, 0, c, s, 0, k, 0f, gradA, 0, k);
    rows(r -> softmaxBackward(a, gradA, grad, r * k, k));
    double l1Term = 0;
    if (l1 > 0) {
      int top = maxL1Row(w);
      l1Term = l1 * rowL1(w, top);
      float lam = (float) l1;
      int base = top * k;
      for (int j = 0; j < k; j++) {
        grad[base + j] += lam * Math.signum(w[base + j]);
      }
    }
    return loss + l1Term + divTerm;
  }

  /** The objective alone at {@code w} on batch {@code s}, in double throughout (the finite-difference reference). */
  double lossReference(float[] w, float[] s, int b, int[] y) {
    int c = classes;
    int k = concepts;
    double[] p = new double[c * k];
    for (int r = 0; r < c; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, w[r * k + j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        p[r * k + j] = Math.exp(w[r * k + j] - max);
        sum += p[r * k + j];
      }
      for (int j = 0; j < k; j++) {
        p[r * k + j] /= sum;
      }
    }
    double[] zz = new double[b * c];
    for (int i = 0; i < b; i++) {
      for (int r = 0; r < c; r++) {
        double t = 0;
        for (int j = 0; j < k; j++) {
          t += (double) s[i * k + j] * p[r * k + j];
        }
        zz[i * c + r] = scale * t;
      }
    }
    double loss = 0;
    for (int i = 0; i < b; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < c; r++) {
        max = Math.max(max, zz[i * c + r]);
      }
      double sum = 0;
      for (int r = 0; r < c; r++) {
        sum += Math.exp(zz[i * c + r] - max);
      }
      loss += Math.log(sum) + max - zz[i * c + y[i]];
    }
    loss /= b;
    if (diversity > 0) {
      double var = 0;
      for (int r = 0; r < c; r++) {
        double m = 0;
        for (int i = 0; i < b; i++) {
          m += zz[i * c + r];
        }
        m /= b;
        for (int i = 0; i < b; i++) {
          var += (zz[i * c + r] - m) * (zz[i * c + r] - m);
        }
      }
      loss -= diversity * var / ((double) b * c);
    }
    if (l1 > 0) {
      loss += l1 * rowL1(w, maxL1Row(w));
    }
    return loss;
  }

  /**
   * One row of the softmax backward pass: {@code g = a ⊙ (d − a·d)}. The dot product accumulates
   * in vector lanes of doubles' worth of care: float lanes summed in a fixed order, then the tail.
   */
  static void softmaxBackward(float[] a, float[] d, float[] g, int base, int k) {
    int i = 0;
    int bound = S.loopBound(k);
    FloatVector acc = FloatVector.zero(S);
    for (; i < bound; i += S.length()) {
      acc = FloatVector.fromArray(S, a, base + i).mul(FloatVector.fromArray(S, d, base + i)).add(acc);
    }
    double dot = FastExp.sumLanes(acc);
    for (; i < k; i++) {
      dot += (double) a[base + i] * d[base + i];
    }
    float dt = (float) dot;
    i = 0;
    for (; i < bound; i += S.length()) {
      FloatVector av = FloatVector.fromArray(S, a, base + i);
      av.mul(FloatVector.fromArray(S, d, base + i).sub(dt)).intoArray(g, base + i);
    }
    for (; i < k; i++) {
      g[base + i] = a[base + i] * (d[base + i] - dt);
    }
  }

  private int maxL1Row(float[] w) {
    int top = 0;
    double best = -1;
    for (int r = 0; r < classes; r++) {
      double v = rowL1(w, r);
      if (v > best) {
        best = v;
        top = r;
      }
    }
    return top;
  }

  private double rowL1(float[] w, int r) {
    double v = 0;
    int base = r * concepts;
    for (int j = 0; j < concepts; j++) {
      v += Math.abs(w[base + j]);
    }
    return v;
  }

  private void ensure(int n) {
    if (z.length < n) {
      z = new float[n];
      zc = new float[n];
    }
  }

  /** Runs {@code body} for every class row, in parallel when W is large. */
  void rows(java.util.function.IntConsumer body) {
    IntStream r = IntStream.range(0, classes);
    if ((long) classes * concepts >= PARALLEL_MIN) {
      r = r.parallel();
    }
    r.forEach(body);
  }
}
