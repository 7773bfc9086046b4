package dev.glassbox.encoders.image;

/** Resampling filters, as PIL implements them for {@code Image.resize}. */
public enum Interpolation {
  /** PIL's BICUBIC: cubic convolution with a = -0.5, support 2 (scaled by the downscale factor). CLIP's choice. */
  BICUBIC(2.0),
  /** PIL's BILINEAR: triangle filter, support 1 (scaled by the downscale factor). */
  BILINEAR(1.0);

  private final double support;

  Interpolation(double support) {
    this.support = support;
  }

  double support() {
    return support;
  }

  double weight(double x) {
    if (x < 0) {
      x = -x;
    }
    if (this == BILINEAR) {
      return x < 1.0 ? 1.0 - x : 0.0;
    }
    final double a = -0.5;
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }
}
