package dev.glassbox.bottleneck;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The image side of Sparse-CBM's training-free Concept Matrix Search (Semenov et al., "Sparse
 * Concept Bottleneck Models: Gumbel Tricks in Contrastive Learning", 2024; methods.md §5): an
 * image's row of the image × concept cosine matrix {@code V}, normalised to sum to 1.
 *
 * <p>{@link Mode#NORMALIZED} gives {@code V_ic = cos(x_i, t_c) / |Σ_c' cos(x_i, t_c')|}. With a
 * CLIP encoder every image–text cosine is positive and this is exactly the paper's "rows
 * normalised to sum to 1"; dividing by the absolute sum keeps the row's direction (and so every
 * cosine comparison downstream) when an encoder gives a negative sum, where dividing by the signed
 * sum would turn the row around. A zero sum leaves the row as it is.
 *
 * <p>{@link Mode#ONE_HOT} is the "max score" variant's view of the same row: 1 for the concept with
 * the largest cosine (the first on ties) and 0 elsewhere, so a linear head reading it picks out
 * that concept's column of the class × concept matrix.
 */
public final class ConceptMatrixBottleneck implements Bottleneck {
  public static final String KIND = "concept-matrix";

  /** What an image's activation row holds. */
  public enum Mode {
    /** The image's cosines with the concepts, scaled to sum to 1 (to ±1 when their sum is negative). */
    NORMALIZED,
    /** 1 for the concept with the largest cosine, 0 for every other. */
    ONE_HOT
  }

  private final FloatMatrix directions;
  private final Mode mode;
  private final FloatMatrix unit;

  /**
   * @param directions {@code [numConcepts × dim]} concept text embeddings (normalised here)
   * @param mode what each activation row holds
   */
  public ConceptMatrixBottleneck(FloatMatrix directions, Mode mode) {
    this.directions = Objects.requireNonNull(directions, "directions");
    this.mode = Objects.requireNonNull(mode, "mode");
    if (directions.rows() == 0) {
      throw new IllegalArgumentException("a concept-matrix bottleneck needs at least one concept");
    }
    this.unit = Matrices.normalizeRows(directions);
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

  public Mode mode() {
    return mode;
  }

  @Override
  public void activate(float[] x, int n, float[] out, int outOffset) {
    int d = inputDim();
    int k = numConcepts();
    float[] xn = new float[n * d];
    System.arraycopy(x, 0, xn, 0, n * d);
    Matrices.normalizeRowsInPlace(xn, n, d);
    Kernels.gemm(false, true, n, k, d, 1f, xn, 0, d, unit.data(), 0, d, 0f, out, outOffset, k);
    for (int r = 0; r < n; r++) {
      int base = outOffset + r * k;
      if (mode == Mode.ONE_HOT) {
        int best = Matrices.argmax(out, base, k);
        java.util.Arrays.fill(out, base, base + k, 0f);
        out[base + best] = 1f;
      } else {
        double s = 0;
        for (int j = 0; j < k; j++) {
          s += out[base + j];
        }
        if (s != 0) {
          float inv = (float) (1 / Math.abs(s));
          for (int j = 0; j < k; j++) {
            out[base + j] *= inv;
          }
        }
      }
    }
  }

  @Override
  public ConceptMatrixBottleneck selectConcepts(int[] keep) {
    return new ConceptMatrixBottleneck(directions.selectRows(keep), mode);
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", mode.name());
    return m;
  }

  @Override
  public Map<String, Tensor> tensors() {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("directions", Tensor.of(directions));
    return t;
  }

  /** Rebuilds a bottleneck from its manifest settings and tensors (see {@link #config()}, {@link #tensors()}). */
  public static ConceptMatrixBottleneck restore(Map<String, Object> config, Map<String, Tensor> tensors) {
    String m = String.valueOf(config.get("mode"));
    Mode mode;
    try {
      mode = Mode.valueOf(m.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("concept-matrix bottleneck mode '" + m + "' is unknown; expected NORMALIZED or ONE_HOT");
    }
    return new ConceptMatrixBottleneck(ProjectionBottleneck.require(tensors, "directions").asMatrix(), mode);
  }
}
