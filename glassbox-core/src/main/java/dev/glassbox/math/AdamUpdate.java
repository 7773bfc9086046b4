package dev.glassbox.math;

import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One Adam step (Kingma &amp; Ba 2015) over a slice of parameters, fused into a single pass, in
 * PyTorch's form (its {@code torch.optim.Adam} without weight decay, which the trainers here
 * mirror):
 *
 * <pre>
 *   m ← β₁m + (1 − β₁)g          v ← β₂v + (1 − β₂)g²
 *   p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * Large slices are split into chunks that run in parallel; each element's update is independent,
 * so the result does not depend on the split. {@link #stepReference} is the scalar twin.
 *
 * @param learningRate lr, > 0
 * @param beta1 β₁ in [0, 1)
 * @param beta2 β₂ in [0, 1)
 * @param epsilon ε > 0
 */
public record AdamUpdate(double learningRate, double beta1, double beta2, double epsilon) {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int CHUNK = 1 << 15;

  public AdamUpdate {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("Adam learning rate must be > 0, got " + learningRate);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + " and " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("Adam epsilon must be > 0, got " + epsilon);
    }
  }

  /** PyTorch's defaults (β 0.9/0.999, ε 1e-8) with the given learning rate. */
  public static AdamUpdate of(double learningRate) {
    return new AdamUpdate(learningRate, 0.9, 0.999, 1e-8);
  }

  /**
   * Step {@code t} (1-based) over {@code p[off, off + n)} with gradient {@code g} and moments
   * {@code m}, {@code v} at the same offsets.
   */
  public void step(float[] p, float[] g, float[] m, float[] v, int off, int n, long t) {
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float stepSize = (float) (learningRate / (1 - Math.pow(beta1, t)));
    float invSqrtBc2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
    float eps = (float) epsilon;
    int chunks = (n + CHUNK - 1) / CHUNK;
    IntStream s = IntStream.range(0, chunks);
    if (chunks > 1) {
      s = s.parallel();
    }
    s.forEach(c -> {
      int a = off + c * CHUNK;
      stepRange(p, g, m, v, a, Math.min(off + n, a + CHUNK) - a, b1, b2, stepSize, invSqrtBc2, eps);
    });
  }

  private static void stepRange(float[] p, float[] g, float[] m, float[] v, int off, int n,
      float b1, float b2, float stepSize, float invSqrtBc2, float eps) {
    float c1 = 1 - b1;
    float c2 = 1 - b2;
    int i = 0;
    int bound = S.loopBound(n);
    for (; i < bound; i += S.length()) {
      int k = off + i;
      FloatVector gv = FloatVector.fromArray(S, g, k);
      FloatVector mv = FloatVector.fromArray(S, m, k).mul(b1).add(gv.mul(c1));
      FloatVector vv = FloatVector.fromArray(S, v, k).mul(b2).add(gv.mul(gv).mul(c2));
      mv.intoArray(m, k);
      vv.intoArray(v, k);
      FloatVector denom = vv.lanewise(VectorOperators.SQRT).mul(invSqrtBc2).add(eps);
      FloatVector.fromArray(S, p, k).sub(mv.mul(stepSize).div(denom)).intoArray(p, k);
    }
    for (; i < n; i++) {
      int k = off + i;
      float gk = g[k];
      m[k] = b1 * m[k] + c1 * gk;
      v[k] = b2 * v[k] + c2 * gk * gk;
      p[k] -= stepSize * m[k] / ((float) Math.sqrt(v[k]) * invSqrtBc2 + eps);
    }
  }

  /** Scalar reference of {@link #step}, in double. */
  public void stepReference(float[] p, float[] g, float[] m, float[] v, int off, int n, long t) {
    double bc1 = 1 - Math.pow(beta1, t);
    double bc2 = 1 - Math.pow(beta2, t);
    for (int k = off; k < off + n; k++) {
      double mk = beta1 * m[k] + (1 - beta1) * g[k];
      double vk = beta2 * v[k] + (1 - beta2) * (double) g[k] * g[k];
      m[k] = (float) mk;
      v[k] = (float) vk;
      p[k] = (float) (p[k] - learningRate / bc1 * mk / (Math.sqrt(vk) / Math.sqrt(bc2) + epsilon));
    }
  }
}
