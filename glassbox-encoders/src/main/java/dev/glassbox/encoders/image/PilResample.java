package dev.glassbox.encoders.image;

/**
 * PIL's {@code Image.resize} (Pillow 9.4, {@code libImaging/Resample.c} and {@code Geometry.c}),
 * reimplemented from its algorithm so that CLIP preprocessing gives PIL's bytes.
 *
 * <p>Convolution resampling is separable: a horizontal pass into an intermediate image holding only
 * the rows the vertical pass needs, then a vertical pass. Each output sample is a weighted sum of
 * input samples around the mapped centre; the filter's support is scaled by the downscale factor
 * (antialiasing), weights are normalised to sum 1, and for 8-bit images converted to fixed point
 * with 22 fractional bits ({@code (int)(w * 2^22 ± 0.5)}), accumulated in 32-bit integers starting
 * from one half, shifted and clipped to {@code [0, 255]} after each pass. 32-bit integer images
 * (mode I) accumulate in double and round half away from zero after each pass.
 *
 * <p>Nearest-neighbour resizing (used for palette and bilevel images) samples input pixel
 * {@code (int)((x + 0.5) * inW / outW)}, with the position accumulated by repeated addition as PIL
 * does.
 */
final class PilResample {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private PilResample() {}

  /** Filter taps of one axis: for output index i, {@code count[i]} weights from input index {@code first[i]}. */
  private record Taps(int ksize, int[] first, int[] count, double[] weights) {}

  private static Taps taps(int inSize, int outSize, Interpolation filter) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = filter.support() * filterScale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] first = new int[outSize];
    int[] count = new int[outSize];
    double[] k = new double[outSize * ksize];
    double ss = 1.0 / filterScale;
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      // C's (int) cast truncates toward zero, which the clamp below makes equal to flooring.
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      double ww = 0.0;
      int base = xx * ksize;
      for (int x = 0; x < xmax; x++) {
        double w = filter.weight((x + xmin - center + 0.5) * ss);
        k[base + x] = w;
        ww += w;
      }
      for (int x = 0; x < xmax; x++) {
        if (ww != 0.0) {
          k[base + x] /= ww;
        }
      }
      first[xx] = xmin;
      count[xx] = xmax;
    }
    return new Taps(ksize, first, count, k);
  }

  private static int[] fixedPoint(double[] k) {
    int[] out = new int[k.length];
    double one = 1 << PRECISION_BITS;
    for (int i = 0; i < k.length; i++) {
      out[i] = k[i] < 0 ? (int) (-0.5 + k[i] * one) : (int) (0.5 + k[i] * one);
    }
    return out;
  }

  private static int clip8(int v) {
    int s = v >> PRECISION_BITS;
    return s < 0 ? 0 : Math.min(s, 255);
  }

  /**
   * Convolution resize of interleaved 8-bit samples ({@code bands} per pixel).
   *
   * @return {@code [outH × outW × bands]} samples
   */
  static byte[] resize8(byte[] in, int inW, int inH, int bands, int outW, int outH, Interpolation filter) {
    boolean horizontal = outW != inW;
    boolean vertical = outH != inH;
    if (!horizontal && !vertical) {
      return in.clone();
    }
    Taps th = taps(inW, outW, filter);
    Taps tv = taps(inH, outH, filter);
    int yFirst = tv.first[0];
    int yLast = tv.first[outH - 1] + tv.count[outH - 1];
    byte[] src = in;
    int srcW = inW;
    int[] vFirst = tv.first.clone();
    if (horizontal) {
      for (int i = 0; i < outH; i++) {
        vFirst[i] -= yFirst;
      }
      int rows = yLast - yFirst;
      byte[] tmp = new byte[rows * outW * bands];
      int[] kk = fixedPoint(th.weights);
      int half = 1 << (PRECISION_BITS - 1);
      for (int yy = 0; yy < rows; yy++) {
        int inRow = (yy + yFirst) * inW * bands;
        int outRow = yy * outW * bands;
        for (int xx = 0; xx < outW; xx++) {
          int xmin = th.first[xx];
          int n = th.count[xx];
          int kb = xx * th.ksize;
          for (int b = 0; b < bands; b++) {
            int ss = half;
            int p = inRow + xmin * bands + b;
            for (int x = 0; x < n; x++, p += bands) {
              ss += (in[p] & 0xff) * kk[kb + x];
            }
            tmp[outRow + xx * bands + b] = (byte) clip8(ss);
          }
        }
      }
      src = tmp;
      srcW = outW;
    }
    if (!vertical) {
      return src;
    }
    byte[] out = new byte[outH * srcW * bands];
    int[] kk = fixedPoint(tv.weights);
    int half = 1 << (PRECISION_BITS - 1);
    int stride = srcW * bands;
    for (int yy = 0; yy < outH; yy++) {
      int ymin = vFirst[yy];
      int n = tv.count[yy];
      int kb = yy * tv.ksize;
      int outRow = yy * stride;
      for (int i = 0; i < stride; i++) {
        int ss = half;
        int p = ymin * stride + i;
        for (int y = 0; y < n; y++, p += stride) {
          ss += (src[p] & 0xff) * kk[kb + y];
        }
        out[outRow + i] = (byte) clip8(ss);
      }
    }
    return out;
  }

  /** Convolution resize of a 32-bit integer image (PIL mode I). */
  static int[] resize32(int[] in, int inW, int inH, int outW, int outH, Interpolation filter) {
    boolean horizontal = outW != inW;
    boolean vertical = outH != inH;
    if (!horizontal && !vertical) {
      return in.clone();
    }
    Taps th = taps(inW, outW, filter);
    Taps tv = taps(inH, outH, filter);
    int yFirst = tv.first[0];
    int yLast = tv.first[outH - 1] + tv.count[outH - 1];
    int[] src = in;
    int srcW = inW;
    int[] vFirst = tv.first.clone();
    if (horizontal) {
      for (int i = 0; i < outH; i++) {
        vFirst[i] -= yFirst;
      }
      int rows = yLast - yFirst;
      int[] tmp = new int[rows * outW];
      for (int yy = 0; yy < rows; yy++) {
        int inRow = (yy + yFirst) * inW;
        for (int xx = 0; xx < outW; xx++) {
          double ss = 0.0;
          int xmin = th.first[xx];
          int kb = xx * th.ksize;
          for (int x = 0; x < th.count[xx]; x++) {
            ss += in[inRow + xmin + x] * th.weights[kb + x];
          }
          tmp[yy * outW + xx] = roundHalfAway(ss);
        }
      }
      src = tmp;
      srcW = outW;
    }
    if (!vertical) {
      return src;
    }
    int[] out = new int[outH * srcW];
    for (int yy = 0; yy < outH; yy++) {
      int ymin = vFirst[yy];
      int kb = yy * tv.ksize;
      for (int xx = 0; xx < srcW; xx++) {
        double ss = 0.0;
        for (int y = 0; y < tv.count[yy]; y++) {
          ss += src[(ymin + y) * srcW + xx] * tv.weights[kb + y];
        }
        out[yy * srcW + xx] = roundHalfAway(ss);
      }
    }
    return out;
  }

  private static int roundHalfAway(double v) {
    return (int) (v >= 0.0 ? Math.floor(v + 0.5) : -Math.floor(Math.abs(v) + 0.5));
  }

  /** Nearest-neighbour resize of interleaved 8-bit samples, as PIL's affine scaling samples them. */
  static byte[] nearest8(byte[] in, int inW, int inH, int bands, int outW, int outH) {
    int[] xin = new int[outW];
    double ax = (double) inW / outW;
    double xo = ax * 0.5;
    for (int x = 0; x < outW; x++) {
      int c = xo < 0.0 ? -1 : (int) xo;
      // PIL leaves positions that round outside the image at zero.
      xin[x] = c < inW ? c : -1;
      xo += ax;
    }
    byte[] out = new byte[outW * outH * bands];
    double ay = (double) inH / outH;
    double yo = ay * 0.5;
    for (int y = 0; y < outH; y++) {
      int yi = yo < 0.0 ? -1 : (int) yo;
      yo += ay;
      if (yi >= inH) {
        continue;
      }
      int inRow = yi * inW * bands;
      int outRow = y * outW * bands;
      for (int x = 0; x < outW; x++) {
        if (xin[x] >= 0) {
          System.arraycopy(in, inRow + xin[x] * bands, out, outRow + x * bands, bands);
        }
      }
    }
    return out;
  }
}
