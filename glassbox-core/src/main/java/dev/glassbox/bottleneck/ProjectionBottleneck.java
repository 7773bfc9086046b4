package dev.glassbox.bottleneck;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.Standardization;
import dev.glassbox.math.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A linear concept bottleneck: concept {@code k}'s activation is a {@link Scoring} of the input
 * against the direction {@code v_k} (a concept's text embedding, or a CAV), plus an intercept,
 * optionally standardised with statistics fitted on the training split.
 *
 * <p>For DOT and COSINE scoring everything after the product is folded into it: the activation
 * {@code (v_k·x̂ + b_k − μ_k)/σ_k} equals {@code [x̂, 1]·[v_k/σ_k, (b_k − μ_k)/σ_k]}, with
 * {@code x̂ = x/‖x‖} for COSINE. So one matrix product over inputs augmented with a constant 1
 * writes the final activations, with no second pass over the (large) output. COS_CUBED needs
 * its elementwise cube after the product.
 */
public final class ProjectionBottleneck implements Bottleneck {
  public static final String KIND = "projection";

  private final FloatMatrix directions;
  private final float[] intercepts;
  private final Scoring scoring;
  private final float[] centre;
  private final Standardization standardization;
  // Derived: the matrix actually multiplied. For DOT and COSINE it is [k × (dim + 1)], folding the
  // standardisation and intercept; for COS_CUBED it is [k × dim] unit rows.
  private final float[] folded;
  private final int foldedCols;
  private final float[] scale;
  private final float[] offset;

  /**
   * @param directions {@code [numConcepts × dim]} concept directions
   * @param intercepts per-concept intercepts added to the score, or null for zeros
   * @param scoring how scores are computed
   * @param centre per-concept centre subtracted before cubing (required for COS_CUBED, else null)
   * @param standardization per-concept standardisation applied last, or null for none
   */
  public ProjectionBottleneck(
      FloatMatrix directions, float[] intercepts, Scoring scoring, float[] centre, Standardization standardization) {
    int k = directions.rows();
    this.directions = directions;
    this.intercepts = intercepts == null ? new float[k] : intercepts;
    this.scoring = scoring;
    this.centre = centre;
    this.standardization = standardization;
    if (this.intercepts.length != k) {
      throw new IllegalArgumentException("bottleneck has " + k + " directions but " + this.intercepts.length + " intercepts");
    }
    if (scoring == Scoring.COS_CUBED && (centre == null || centre.length != k)) {
      throw new IllegalArgumentException("cos³ scoring needs one centre per concept (" + k + ")");
    }
    if (standardization != null && standardization.cols() != k) {
      throw new IllegalArgumentException("bottleneck has " + k + " concepts but its standardisation has " + standardization.cols());
    }
    FloatMatrix effective = scoring == Scoring.DOT ? directions : Matrices.normalizeRows(directions);
    int d = directions.cols();
    this.scale = new float[k];
    this.offset = new float[k];
    for (int j = 0; j < k; j++) {
      float mu = standardization == null ? 0f : standardization.mean()[j];
      float sd = standardization == null ? 1f : standardization.std()[j];
      scale[j] = 1f / sd;
      offset[j] = scoring == Scoring.COS_CUBED ? -mu / sd : (this.intercepts[j] - mu) / sd;
    }
    if (scoring == Scoring.COS_CUBED) {
      this.foldedCols = d;
      this.folded = effective.data();
    } else {
      this.foldedCols = d + 1;
      this.folded = new float[k * (d + 1)];
      for (int j = 0; j < k; j++) {
        for (int p = 0; p < d; p++) {
          folded[j * (d + 1) + p] = effective.get(j, p) * scale[j];
        }
        folded[j * (d + 1) + d] = offset[j];
      }
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int numConcepts() {
    return directions.rows();
  }

  @Override
  public int inputDim() {
    return directions.cols();
  }

  public FloatMatrix directions() {
    return directions;
  }

  public float[] intercepts() {
    return intercepts;
  }

  public Scoring scoring() {
    return scoring;
  }

  public float[] centre() {
    return centre;
  }

  /** The standardisation, or null. */
  public Standardization standardization() {
    return standardization;
  }

  @Override
  public void activate(float[] x, int n, float[] out, int outOffset) {
    int d = inputDim();
    int k = numConcepts();
    if (scoring == Scoring.COS_CUBED) {
      Kernels.gemm(false, true, n, k, d, 1f, x, 0, d, folded, 0, d, 0f, out, outOffset, k);
      for (int r = 0; r < n; r++) {
        float inv = inverseNorm(x, r * d, d);
        int base = outOffset + r * k;
        for (int j = 0; j < k; j++) {
          float t = out[base + j] * inv + intercepts[j] - centre[j];
          out[base + j] = t * t * t * scale[j] + offset[j];
        }
      }
      return;
    }
    // Inputs augmented with a constant 1 (and scaled to unit norm for COSINE).
    int da = d + 1;
    float[] aug = new float[n * da];
    boolean cosine = scoring == Scoring.COSINE;
    for (int r = 0; r < n; r++) {
      float inv = cosine ? inverseNorm(x, r * d, d) : 1f;
      int src = r * d;
      int dst = r * da;
      for (int p = 0; p < d; p++) {
        aug[dst + p] = x[src + p] * inv;
      }
      aug[dst + d] = 1f;
    }
    Kernels.gemm(false, true, n, k, da, 1f, aug, 0, da, folded, 0, foldedCols, 0f, out, outOffset, k);
  }

  private static float inverseNorm(float[] x, int off, int n) {
    float norm = (float) Math.sqrt(sumSquares(x, off, n));
    return norm > 0 ? 1f / norm : 0f;
  }

  private static double sumSquares(float[] x, int off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) x[off + i] * x[off + i];
    }
    return s;
  }

  @Override
  public ProjectionBottleneck selectConcepts(int[] keep) {
    float[] b = new float[keep.length];
    float[] c = centre == null ? null : new float[keep.length];
    float[] mu = new float[keep.length];
    float[] sd = new float[keep.length];
    for (int i = 0; i < keep.length; i++) {
      b[i] = intercepts[keep[i]];
      if (c != null) {
        c[i] = centre[keep[i]];
      }
      if (standardization != null) {
        mu[i] = standardization.mean()[keep[i]];
        sd[i] = standardization.std()[keep[i]];
      }
    }
    return new ProjectionBottleneck(
        directions.selectRows(keep), b, scoring, c, standardization == null ? null : new Standardization(mu, sd));
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scoring", scoring.name());
    m.put("standardized", standardization != null);
    return m;
  }

  @Override
  public Map<String, Tensor> tensors() {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("directions", Tensor.of(directions));
    t.put("intercepts", Tensor.vector(intercepts));
    if (centre != null) {
      t.put("centre", Tensor.vector(centre));
    }
    if (standardization != null) {
      t.put("mean", Tensor.vector(standardization.mean()));
      t.put("std", Tensor.vector(standardization.std()));
    }
    return t;
  }

  /** Rebuilds a bottleneck from its manifest settings and tensors (see {@link #config()}, {@link #tensors()}). */
  public static ProjectionBottleneck restore(Map<String, Object> config, Map<String, Tensor> tensors) {
    Scoring scoring = Scoring.valueOf(String.valueOf(config.get("scoring")));
    boolean std = Boolean.TRUE.equals(config.get("standardized"));
    Tensor dir = require(tensors, "directions");
    Tensor b = require(tensors, "intercepts");
    Tensor c = scoring == Scoring.COS_CUBED ? require(tensors, "centre") : null;
    Standardization s = std ? new Standardization(require(tensors, "mean").data(), require(tensors, "std").data()) : null;
    return new ProjectionBottleneck(dir.asMatrix(), b.data(), scoring, c == null ? null : c.data(), s);
  }

  static Tensor require(Map<String, Tensor> tensors, String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("bottleneck tensor '" + name + "' is missing");
    }
    return t;
  }
}
