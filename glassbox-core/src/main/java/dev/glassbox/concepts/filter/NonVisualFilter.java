package dev.glassbox.concepts.filter;

import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.RowSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drops concepts that cannot be seen: those whose text direction does not follow how the images
 * vary. Glassbox's own test; Label-free CBM removes such concepts only indirectly, through its
 * activation and interpretability cut-offs, and its logs show many non-visual survivors ("a loud
 * cawing sound", methods.md §8).
 *
 * <p><b>The statistic.</b> A concept's activation on an image is {@code a_i = x̂_i·t̂}. If the concept
 * is visible, images that show it and images that do not sit apart along {@code t̂}, so {@code a}
 * varies across images; a non-visual phrase ("sings at dawn") points where the images do not move,
 * and its activation is nearly the same constant on every image, whatever that constant is (a
 * modality gap or shared "bird-ness" shifts it, but does not make it vary). The spread is
 * {@code Var_i(a_i) = t̂ᵀ Σ t̂}, with {@code Σ} the covariance of the normalised training images.
 * The <em>grounding ratio</em> divides it by the variance along an average direction:
 *
 * <pre>  g(t) = t̂ᵀ Σ t̂ / (tr Σ / d)</pre>
 *
 * <p>{@code tr Σ / d} is the expected value of {@code r̂ᵀ Σ r̂} for a direction {@code r̂} drawn
 * uniformly from the sphere, so {@code g = 1} is what a random direction scores, {@code g = 2}
 * means the concept's direction carries twice the image variance of a random one, and the ratio
 * is unchanged by the encoder's cosine scale, offsets and the number of images. A concept is
 * dropped when {@code g ≤ threshold}.
 *
 * <p><b>The threshold.</b> {@code minGroundingRatio} is an absolute floor. When the context carries
 * encoded probe phrases known to be non-visual ({@link #DEFAULT_PROBES}, encoded with the
 * candidates' text encoder), their ratios form an empirical null for this encoder and these
 * images, and the threshold becomes the larger of the floor and the probes' {@code probeQuantile}
 * quantile: probes can only make the test stricter, for encoders (such as CLIP) whose text
 * directions all carry some image variance.
 *
 * <p><b>Limits.</b> A visual concept that every training image shows equally (every bird has a
 * beak) does not vary either and is dropped too; it could not separate classes anyway. The
 * covariance is {@code d × d}, accumulated by BLAS over blocks of streamed images.
 *
 * @param minGroundingRatio drop a concept whose grounding ratio is ≤ this (the floor when probes
 *     are given), ≥ 0. Default 2.0: a concept's direction must carry at least twice the image
 *     variance of a random direction (no anchor paper defines this test; the value is Glassbox's)
 * @param probeQuantile the quantile of the probes' ratios used as the threshold when probes are
 *     given, in [0, 1]. Default 0.9
 */
public record NonVisualFilter(double minGroundingRatio, double probeQuantile) implements ConceptFilter {

  /**
   * Phrases that name something no photograph shows (sound, smell, taste, behaviour, habitat,
   * diet, time, history, price), worded for no domain in particular. Encode them with the
   * candidates' text encoder and pass them through {@link FilterContext#withNonVisualProbes}.
   */
  public static final List<String> DEFAULT_PROBES = List.of(
      "a loud song", "a melodious call", "makes a clicking sound", "a strong smell", "a sweet taste",
      "eats insects", "feeds on seeds", "migrates in winter", "lives in wetlands", "active at night",
      "is endangered", "is expensive", "was invented long ago", "is popular", "lays eggs",
      "is intelligent", "has a long lifespan", "is rare", "is found in Europe", "is aggressive",
      "is solitary", "weighs about a kilogram", "is used for cooking", "is protected by law");

  public NonVisualFilter {
    if (!(minGroundingRatio >= 0 && Double.isFinite(minGroundingRatio))) {
      throw new IllegalArgumentException("non-visual filter minGroundingRatio must be ≥ 0 and finite, got " + minGroundingRatio);
    }
    if (!(probeQuantile >= 0 && probeQuantile <= 1)) {
      throw new IllegalArgumentException("non-visual filter probeQuantile must be in [0, 1], got " + probeQuantile);
    }
  }

  public static NonVisualFilter defaults() {
    return new NonVisualFilter(2.0, 0.9);
  }

  public NonVisualFilter withMinGroundingRatio(double v) {
    return new NonVisualFilter(v, probeQuantile);
  }

  public NonVisualFilter withProbeQuantile(double v) {
    return new NonVisualFilter(minGroundingRatio, v);
  }

  @Override
  public String name() {
    return "non-visual";
  }

  @Override
  public FilterResult apply(ConceptEmbeddings candidates, FilterContext context) {
    Filters.requireCandidates(candidates, name());
    RowSource images = Filters.requireImages(candidates, context, name());
    ImageCovariance cov = ImageCovariance.of(images);
    FloatMatrix unit = Filters.unitRows(candidates, name());
    double[] g = cov.groundingRatios(unit);
    double threshold = minGroundingRatio;
    String basis = "the floor " + minGroundingRatio;
    ConceptEmbeddings probes = context.nonVisualProbes();
    if (probes != null && probes.concepts().size() > 0) {
      if (probes.dim() != candidates.dim()) {
        throw new IllegalArgumentException(
            "nonVisualProbes: the probe embeddings are " + probes.dim() + "-d but the candidate embeddings are " + candidates.dim()
                + "-d; encode the probes with the candidates' text encoder");
      }
      double[] pg = cov.groundingRatios(Filters.unitRows(probes, name()));
      double q = quantile(pg, probeQuantile);
      if (q > threshold) {
        threshold = q;
        basis = "the " + probeQuantile + " quantile of " + pg.length + " non-visual probe phrases";
      }
    }
    int n = unit.rows();
    boolean[] drop = new boolean[n];
    List<DroppedConcept> dropped = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (g[i] <= threshold) {
        drop[i] = true;
        dropped.add(new DroppedConcept(candidates.concepts().get(i), name(), DropReason.NON_VISUAL, g[i], threshold,
            "its direction carries " + Filters.fmt(g[i]) + "× the image variance of a random direction, not above "
                + Filters.fmt(threshold) + " (" + basis + ")"));
      }
    }
    return Filters.result(name(), candidates, drop, dropped);
  }

  /** The grounding ratio of each row of {@code texts} (any length; rows are normalised here) over {@code images}. */
  public static double[] groundingRatios(FloatMatrix texts, RowSource images) {
    return ImageCovariance.of(images).groundingRatios(Matrices.normalizeRows(texts));
  }

  /** The linear-interpolation quantile (type 7) of {@code v}. */
  static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  /** The covariance of unit-normalised image embeddings, in double. */
  private record ImageCovariance(float[] sigma, int d, double trace) {
    static ImageCovariance of(RowSource images) {
      int n = images.rows();
      int d = images.cols();
      if (n < 2) {
        throw new IllegalArgumentException(
            "trainingImages: the non-visual filter measures how activations vary across images and needs at least 2, got " + n);
      }
      int block = Math.max(1, Math.min(n, Math.min(4096, (1 << 21) / d)));
      float[] buf = new float[block * d];
      float[] part = new float[d * d];
      double[] second = new double[d * d];
      double[] mean = new double[d];
      for (int s = 0; s < n; s += block) {
        int m = Math.min(block, n - s);
        Filters.readUnitImages(images, s, m, buf);
        Kernels.gemm(true, false, d, d, m, 1f, buf, 0, d, buf, 0, d, 0f, part, 0, d);
        for (int i = 0; i < d * d; i++) {
          second[i] += part[i];
        }
        for (int r = 0; r < m; r++) {
          for (int p = 0; p < d; p++) {
            mean[p] += buf[r * d + p];
          }
        }
      }
      float[] sigma = new float[d * d];
      double trace = 0;
      for (int p = 0; p < d; p++) {
        mean[p] /= n;
      }
      for (int p = 0; p < d; p++) {
        for (int q = 0; q < d; q++) {
          double v = second[p * d + q] / n - mean[p] * mean[q];
          sigma[p * d + q] = (float) v;
          if (p == q) {
            trace += v;
          }
        }
      }
      if (!(trace > 1e-12)) {
        throw new IllegalArgumentException(
            "trainingImages: the " + n + " training image embeddings do not vary (all point the same way), so no concept's "
                + "activation can vary across them; check that the images were encoded correctly");
      }
      return new ImageCovariance(sigma, d, trace);
    }

    double[] groundingRatios(FloatMatrix unit) {
      int n = unit.rows();
      double[] out = new double[n];
      int block = Math.max(1, Math.min(n, (1 << 22) / d));
      float[] q = new float[block * d];
      float[] u = unit.data();
      double scale = d / trace;
      for (int b0 = 0; b0 < n; b0 += block) {
        int rows = Math.min(block, n - b0);
        Kernels.gemm(false, false, rows, d, d, 1f, u, b0 * d, d, sigma, 0, d, 0f, q, 0, d);
        for (int r = 0; r < rows; r++) {
          double v = 0;
          int base = (b0 + r) * d;
          for (int p = 0; p < d; p++) {
            v += (double) q[r * d + p] * u[base + p];
          }
          out[b0 + r] = Math.max(0, v) * scale;
        }
      }
      return out;
    }
  }
}
