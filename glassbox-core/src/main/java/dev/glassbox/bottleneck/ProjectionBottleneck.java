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
 * <p>The per-row work after the matrix product is one fused pass: for DOT and COSINE the
 * activation is {@code raw·invNorm·s_k + o_k} with {@code s_k = 1/σ_k} and
 * {@code o_k = (b_k − μ_k)/σ_k} precomputed.
 */
public final class ProjectionBottleneck implements Bottleneck {
  public static final String KIND = "projection";

  private final FloatMatrix directions;
  private final float[] intercepts;
  private final Scoring scoring;
  private final float[] centre;
  private final Standardization standardization;
  // Derived: the matrix actually multiplied (unit rows for the cosine scorings) and the fused affine terms.
  private final FloatMatrix effective;
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
    this.effective = scoring == Scoring.DOT ? directions : Matrices.normalizeRows(directions);
    this.scale = new float[k];
    this.offset = new float[k];
    for (int j = 0; j < k; j++) {
      float mu = standardization == null ? 0f : standardization.mean()[j];
      float sd = standardization == null ? 1f : standardization.std()[j];
      scale[j] = 1f / sd;
      offset[j] = scoring == Scoring.COS_CUBED ? -mu / sd : (this.intercepts[j] - mu) / sd;
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
  public void activate(float[] x, int n, float[] out) {
    int d = inputDim();
    int k = numConcepts();
    Kernels.gemm(false, true, n, k, d, 1f, x, 0, d, effective.data(), 0, d, 0f, out, 0, k);
    boolean cosine = scoring != Scoring.DOT;
    for (int r = 0; r < n; r++) {
      float inv = 1f;
      if (cosine) {
        float norm = (float) Math.sqrt(sumSquares(x, r * d, d));
        inv = norm > 0 ? 1f / norm : 0f;
      }
      int base = r * k;
      if (scoring == Scoring.COS_CUBED) {
        for (int j = 0; j < k; j++) {
          float t = out[base + j] * inv + intercepts[j] - centre[j];
          out[base + j] = t * t * t * scale[j] + offset[j];
        }
      } else {
        for (int j = 0; j < k; j++) {
          out[base + j] = out[base + j] * inv * scale[j] + offset[j];
        }
      }
    }
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
