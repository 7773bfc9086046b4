package dev.glassbox.encoders.image;


/**
 * libjpeg's integer colour conversions (jdcolor.c, ITU-R BT.601 with 16 fractional bits), so that
 * JPEGs decode to the same RGB values as in PIL, which uses libjpeg(-turbo).
 *
 * <p>The per-pixel methods are the plain reference; the bulk methods convert a whole raster held as
 * bytes (any pixel stride, scanline stride and band offsets) with table lookups only, as libjpeg
 * itself does (its {@code range_limit} table replaces the clamps), or, for the contiguous layout
 * that ImageIO's JPEG reader gives, with the same fixed-point products on SIMD lanes (the Vector
 * API). Both are tested against the per-pixel methods for every input triple.
 */
final class JpegColor {
  static final int SCALE_BITS = 16;
  static final int ONE_HALF = 1 << (SCALE_BITS - 1);
  private static final int[] CR_R = new int[256];
  private static final int[] CB_B = new int[256];
  private static final int[] CR_G = new int[256];
  private static final int[] CB_G = new int[256];
  /** {@code LIMIT[v + LIMIT_OFFSET]} is v clamped to [0, 255]; sums here stay within [-180, 435]. */
  private static final int LIMIT_OFFSET = 256;
  private static final byte[] LIMIT = new byte[768];

  static {
    for (int i = 0; i < 256; i++) {
      int x = i - 128;
      CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
      CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
      CR_G[i] = -fix(0.71414) * x;
      CB_G[i] = -fix(0.34414) * x + ONE_HALF;
    }
    for (int i = 0; i < LIMIT.length; i++) {
      LIMIT[i] = (byte) clamp(i - LIMIT_OFFSET);
    }
  }

  /** jdcolor.c's multipliers, for computing the tables' entries directly. */
  static final int R_CR = fix(1.40200);
  static final int B_CB = fix(1.77200);
  static final int G_CR = fix(0.71414);
  static final int G_CB = fix(0.34414);
  /** Whether the contiguous layout is converted on SIMD lanes (see {@link ImageLanes#yccToRgb}). */
  private static final boolean SIMD = PilResample.VECTOR_API && ImageLanes.colourLanes();

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

  /**
   * Converts a {@code w × h} raster of YCbCr bytes into interleaved RGB {@code out[(y·w + x)·3 + c]}.
   * Sample {@code (x, y, band)} is at {@code in[base + y·scanline + x·pixel + offsets[band]]}.
   */
  static void yccToRgb(RasterBytes in, int w, int h, byte[] out) {
    if (SIMD && in.pixelStride() == 3 && in.scanlineStride() == 3 * w && in.bandOffsets()[0] == 0
        && in.bandOffsets()[1] == 1 && in.bandOffsets()[2] == 2) {
      ImageLanes.yccToRgb(in.data(), in.base(), w * h, out);
      return;
    }
    byte[] s = in.data();
    int pix = in.pixelStride();
    int o0 = in.bandOffsets()[0];
    int o1 = in.bandOffsets()[1];
    int o2 = in.bandOffsets()[2];
    int o = 0;
    for (int y = 0; y < h; y++) {
      int p = in.base() + y * in.scanlineStride();
      for (int x = 0; x < w; x++, p += pix, o += 3) {
        int yy = (s[p + o0] & 0xff) + LIMIT_OFFSET;
        int cb = s[p + o1] & 0xff;
        int cr = s[p + o2] & 0xff;
        out[o] = LIMIT[yy + CR_R[cr]];
        out[o + 1] = LIMIT[yy + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS)];
        out[o + 2] = LIMIT[yy + CB_B[cb]];
      }
    }
  }

  /**
   * The four-band counterpart for CMYK JPEGs: YCCK through {@link #ycckToInvertedCmyk}'s formulas
   * when {@code ycck}, otherwise every sample inverted (PIL reads every CMYK JPEG as Adobe-inverted).
   */
  static void toInvertedCmyk(RasterBytes in, int w, int h, boolean ycck, byte[] out) {
    byte[] s = in.data();
    int pix = in.pixelStride();
    int[] off = in.bandOffsets();
    int o0 = off[0];
    int o1 = off[1];
    int o2 = off[2];
    int o3 = off[3];
    int o = 0;
    for (int y = 0; y < h; y++) {
      int p = in.base() + y * in.scanlineStride();
      for (int x = 0; x < w; x++, p += pix, o += 4) {
        if (ycck) {
          int yy = (s[p + o0] & 0xff) + LIMIT_OFFSET;
          int cb = s[p + o1] & 0xff;
          int cr = s[p + o2] & 0xff;
          out[o] = LIMIT[yy + CR_R[cr]];
          out[o + 1] = LIMIT[yy + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS)];
          out[o + 2] = LIMIT[yy + CB_B[cb]];
        } else {
          out[o] = (byte) ~s[p + o0];
          out[o + 1] = (byte) ~s[p + o1];
          out[o + 2] = (byte) ~s[p + o2];
        }
        out[o + 3] = (byte) ~s[p + o3];
      }
    }
  }
}
