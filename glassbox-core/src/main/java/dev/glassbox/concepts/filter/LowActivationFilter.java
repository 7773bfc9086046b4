package dev.glassbox.concepts.filter;

import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.RowSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drops concepts that no training image activates strongly (Label-free CBM, Oikarinen et al.,
 * ICLR 2023, {@code train_cbm.py}'s {@code clip_cutoff} step): with
 * {@code P = norm(images)·norm(concepts)ᵀ}, a concept is dropped when the mean of its {@code topK}
 * largest cosines over the training images is ≤ {@code cutoff}. A concept that is not even
 * moderately present in its best few images cannot be learned from them.
 *
 * <p>The cut-off is on the encoder's cosine scale: 0.25 suits CLIP ViT-B/16, whose matching
 * image–text pairs sit around 0.3; other encoders need their own value. {@code P} is computed by
 * BLAS in blocks of concepts × images, keeping only each concept's running top {@code topK}, so
 * the images can be streamed from disk.
 *
 * @param topK how many of a concept's highest activations are averaged, ≥ 1 (all images when
 *     there are fewer). Default 5, Label-free CBM's
 * @param cutoff drop when the mean of the top activations is ≤ this, in [-1, 1]. Default 0.25,
 *     Label-free CBM's {@code clip_cutoff} (CUB 0.26; Places365 and ImageNet 0.28)
 */
public record LowActivationFilter(int topK, double cutoff) implements ConceptFilter {
  public LowActivationFilter {
    if (topK < 1) {
      throw new IllegalArgumentException("low-activation filter topK must be ≥ 1, got " + topK);
    }
    if (!(cutoff >= -1 && cutoff <= 1)) {
      throw new IllegalArgumentException("low-activation filter cutoff must be in [-1, 1], got " + cutoff);
    }
  }

  public static LowActivationFilter defaults() {
    return new LowActivationFilter(5, 0.25);
  }

  public LowActivationFilter withCutoff(double v) {
    return new LowActivationFilter(topK, v);
  }

  @Override
  public String name() {
    return "low-activation";
  }

  @Override
  public FilterResult apply(ConceptEmbeddings candidates, FilterContext context) {
    Filters.requireCandidates(candidates, name());
    RowSource images = Filters.requireImages(candidates, context, name());
    FloatMatrix unit = Filters.unitRows(candidates, name());
    double[] score = topMeans(unit, images, topK);
    int n = unit.rows();
    int used = Math.min(topK, images.rows());
    boolean[] drop = new boolean[n];
    List<DroppedConcept> dropped = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (score[i] <= cutoff) {
        drop[i] = true;
        dropped.add(new DroppedConcept(candidates.concepts().get(i), name(), DropReason.LOW_ACTIVATION, score[i], cutoff,
            "mean of its top " + used + " cosines over " + images.rows() + " training images is " + Filters.fmt(score[i])
                + ", not above " + cutoff));
      }
    }
    return Filters.result(name(), candidates, drop, dropped);
  }

  /** For each concept (unit rows), the mean of its {@code k} largest cosines with the images. */
  static double[] topMeans(FloatMatrix unit, RowSource images, int k) {
    int n = unit.rows();
    int d = unit.cols();
    int numImages = images.rows();
    int kk = Math.min(k, numImages);
    // top[i*kk ..] holds concept i's largest cosines so far, descending.
    float[] top = new float[n * kk];
    Arrays.fill(top, Float.NEGATIVE_INFINITY);
    int imgBlock = Math.max(1, Math.min(numImages, Math.min(1024, (1 << 20) / d)));
    int conBlock = Math.max(1, Math.min(n, (1 << 22) / imgBlock));
    float[] img = new float[imgBlock * d];
    float[] p = new float[conBlock * imgBlock];
    for (int s = 0; s < numImages; s += imgBlock) {
      int m = Math.min(imgBlock, numImages - s);
      Filters.readUnitImages(images, s, m, img);
      for (int c0 = 0; c0 < n; c0 += conBlock) {
        int rows = Math.min(conBlock, n - c0);
        Kernels.gemm(false, true, rows, m, d, 1f, unit.data(), c0 * d, d, img, 0, d, 0f, p, 0, m);
        for (int r = 0; r < rows; r++) {
          int t = (c0 + r) * kk;
          int base = r * m;
          for (int q = 0; q < m; q++) {
            float v = p[base + q];
            if (v > top[t + kk - 1]) {
              int pos = kk - 1;
              while (pos > 0 && top[t + pos - 1] < v) {
                top[t + pos] = top[t + pos - 1];
                pos--;
              }
              top[t + pos] = v;
            }
          }
        }
      }
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < kk; j++) {
        s += top[i * kk + j];
      }
      out[i] = s / kk;
    }
    return out;
  }
}
