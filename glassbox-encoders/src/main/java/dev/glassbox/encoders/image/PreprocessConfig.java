package dev.glassbox.encoders.image;

import java.util.Arrays;

/**
 * How decoded images become an image tower's input tensor.
 *
 * @param size side of the square input in pixels, {@code [1, 4096]}; CLIP ViT-B/32: 224
 * @param resizeMode how the image is brought to a square; CLIP: {@link ResizeMode#SHORTEST_EDGE_CENTER_CROP}
 * @param interpolation resampling filter; CLIP: {@link Interpolation#BICUBIC}
 * @param mean per-channel (R, G, B) mean subtracted after scaling to {@code [0, 1]}; CLIP:
 *     (0.48145466, 0.4578275, 0.40821073)
 * @param std per-channel divisor, each positive; CLIP: (0.26862954, 0.26130258, 0.27577711)
 */
public record PreprocessConfig(int size, ResizeMode resizeMode, Interpolation interpolation, float[] mean, float[] std) {
  /** OpenAI CLIP's normalisation mean. */
  public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  /** OpenAI CLIP's normalisation standard deviation. */
  public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

  public PreprocessConfig {
    if (size < 1 || size > 4096) {
      throw new IllegalArgumentException("image size must be in [1, 4096], got " + size);
    }
    if (resizeMode == null || interpolation == null) {
      throw new IllegalArgumentException("resizeMode and interpolation are required");
    }
    if (mean == null || mean.length != 3 || std == null || std.length != 3) {
      throw new IllegalArgumentException(
          "mean and std need 3 values (R, G, B), got " + Arrays.toString(mean) + " and " + Arrays.toString(std));
    }
    for (int c = 0; c < 3; c++) {
      if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
        throw new IllegalArgumentException(
            "std values must be positive and mean values finite, got mean " + Arrays.toString(mean) + ", std "
                + Arrays.toString(std));
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** OpenAI CLIP's preprocessing at {@code size} pixels. */
  public static PreprocessConfig clip(int size) {
    return new PreprocessConfig(size, ResizeMode.SHORTEST_EDGE_CENTER_CROP, Interpolation.BICUBIC, CLIP_MEAN, CLIP_STD);
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreprocessConfig p && p.size == size && p.resizeMode == resizeMode
        && p.interpolation == interpolation && Arrays.equals(p.mean, mean) && Arrays.equals(p.std, std);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new Object[] {size, resizeMode, interpolation, Arrays.hashCode(mean), Arrays.hashCode(std)});
  }

  @Override
  public String toString() {
    return "PreprocessConfig[size=" + size + ", resizeMode=" + resizeMode + ", interpolation=" + interpolation
        + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
