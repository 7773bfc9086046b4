package dev.glassbox.encoders.image;

/**
 * libjpeg's integer colour conversions (jdcolor.c, ITU-R BT.601 with 16 fractional bits), so that
 * JPEGs decode to the same RGB values as in PIL, which uses libjpeg(-turbo).
 */
final class JpegColor {
  private static final int SCALE_BITS = 16;
  private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
  private static final int[] CR_R = new int[256];
  private static final int[] CB_B = new int[256];
  private static final int[] CR_G = new int[256];
  private static final int[] CB_G = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int x = i - 128;
      CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
      CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
      CR_G[i] = -fix(0.71414) * x;
      CB_G[i] = -fix(0.34414) * x + ONE_HALF;
    }
  }

  private JpegColor() {}

  private static int fix(double v) {
    return (int) (v * (1 << SCALE_BITS) + 0.5);
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }

  /** YCbCr → RGB into {@code out[o..o+2]}. */
  static void yccToRgb(int y, int cb, int cr, byte[] out, int o) {
    out[o] = (byte) clamp(y + CR_R[cr]);
    out[o + 1] = (byte) clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
    out[o + 2] = (byte) clamp(y + CB_B[cb]);
  }

  /**
   * Adobe YCCK → the CMYK that PIL holds: libjpeg turns YCC into inverted CMY and passes K through,
   * and PIL then inverts all four ("CMYK;I").
   */
  static void ycckToInvertedCmyk(int y, int cb, int cr, int k, byte[] out, int o) {
    out[o] = (byte) clamp(y + CR_R[cr]);
    out[o + 1] = (byte) clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
    out[o + 2] = (byte) clamp(y + CB_B[cb]);
    out[o + 3] = (byte) (255 - k);
  }
}
