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
 * <p><b>Rare concepts: the tail test.</b> A concept that only a few images show moves those few far
 * along its direction and leaves the rest where they are: its variance stays small (a share
 * {@code p} of images shifted by {@code Δ} adds only {@code p(1−p)Δ²}), yet its top images stand
 * out. So a concept at or under the threshold is kept after all when the mean activation of its
 * top 5% of images lies at least {@code 2.063·√(minTailRatio · tr Σ / d)} above its median: as far
 * out as a Gaussian spread with grounding ratio {@code minTailRatio} would put them (2.063 is the
 * mean of a standard normal's top 5%). A phrase that points where the images do not move has no
 * such tail. The tail is measured on at most {@link #TAIL_IMAGES} images, evenly spaced.
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
 * @param minTailRatio keep a concept under the threshold whose top 5% of images stand as far out
 *     as a Gaussian spread with this grounding ratio would put them; {@code +∞} turns the tail test
 *     off. Default 2.0 (Glassbox's, the default floor: a tail test never keeps a concept whose
 *     activations spread like a Gaussian with a ratio under it)
 */
public record NonVisualFilter(double minGroundingRatio, double probeQuantile, double minTailRatio) implements ConceptFilter {

  /** The most images the tail test reads (evenly spaced over the training images). */
  public static final int TAIL_IMAGES = 4096;

  /** The mean of a standard normal's top 5%: {@code φ(z₀.₉₅) / 0.05}. */
  static final double GAUSSIAN_TOP5_MEAN = 2.0627;

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
    if (!(minTailRatio >= 0)) {
      throw new IllegalArgumentException("non-visual filter minTailRatio must be ≥ 0 (+∞ turns the tail test off), got " + minTailRatio);
    }
  }

  public static NonVisualFilter defaults() {
    return new NonVisualFilter(2.0, 0.9, 2.0);
  }

  public NonVisualFilter withMinGroundingRatio(double v) {
    return new NonVisualFilter(v, probeQuantile, minTailRatio);
  }

  public NonVisualFilter withProbeQuantile(double v) {
    return new NonVisualFilter(minGroundingRatio, v, minTailRatio);
  }

  public NonVisualFilter withMinTailRatio(double v) {
    return new NonVisualFilter(minGroundingRatio, probeQuantile, v);
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
    double[] tail = Double.isInfinite(minTailRatio) ? null : tailRatios(unit, images, g, threshold, cov.trace() / cov.d());
    boolean[] drop = new boolean[n];
    List<DroppedConcept> dropped = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (g[i] <= threshold && (tail == null || tail[i] < minTailRatio)) {
        drop[i] = true;
        dropped.add(new DroppedConcept(candidates.concepts().get(i), name(), DropReason.NON_VISUAL, g[i], threshold,
            "its direction carries " + Filters.fmt(g[i]) + "× the image variance of a random direction, not above "
                + Filters.fmt(threshold) + " (" + basis + ")" + (tail == null ? "" : ", and its top 5% of images stand out only as "
                + "far as a Gaussian spread of ratio " + Filters.fmt(tail[i]) + " would put them, under " + Filters.fmt(minTailRatio))));
      }
    }
    return Filters.result(name(), candidates, drop, dropped);
  }

  /**
   * The tail ratio of each concept with {@code g ≤ threshold} (0 for the others, which need none):
   * {@code ((top-5% mean − median) / 2.063)² / (tr Σ / d)} over at most {@link #TAIL_IMAGES} evenly
   * spaced images, a block of concepts at a time.
   */
  static double[] tailRatios(FloatMatrix unit, RowSource images, double[] g, double threshold, double meanVariance) {
    int n = unit.rows();
    int d = unit.cols();
    int[] need = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (g[i] <= threshold) {
        need[k++] = i;
      }
    }
    double[] out = new double[n];
    if (k == 0) {
      return out;
    }
    int total = images.rows();
    int m = Math.min(total, TAIL_IMAGES);
    float[] img = new float[m * d];
    if (m == total) {
      Filters.readUnitImages(images, 0, m, img);
    } else {
      float[] row = new float[d];
      for (int r = 0; r < m; r++) {
        Filters.readUnitImages(images, (int) ((long) r * total / m), 1, row);
        System.arraycopy(row, 0, img, r * d, d);
      }
    }
    int top = Math.max(1, (int) Math.round(0.05 * m));
    int block = Math.max(1, Math.min(k, (1 << 22) / m));
    float[] texts = new float[block * d];
    float[] act = new float[block * m];
    float[] col = new float[m];
    float[] u = unit.data();
    for (int b0 = 0; b0 < k; b0 += block) {
      int rows = Math.min(block, k - b0);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(u, need[b0 + r] * d, texts, r * d, d);
      }
      Kernels.gemm(false, true, rows, m, d, 1f, texts, 0, d, img, 0, d, 0f, act, 0, m);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(act, r * m, col, 0, m);
        Arrays.sort(col);
        double median = (m % 2 == 1) ? col[m / 2] : 0.5 * ((double) col[m / 2 - 1] + col[m / 2]);
        double sum = 0;
        for (int i = m - top; i < m; i++) {
          sum += col[i];
        }
        double lift = Math.max(0, sum / top - median) / GAUSSIAN_TOP5_MEAN;
        out[need[b0 + r]] = lift * lift / meanVariance;
      }
    }
    return out;
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
