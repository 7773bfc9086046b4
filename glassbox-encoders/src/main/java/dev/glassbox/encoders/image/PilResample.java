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
  static final int PRECISION_BITS = 32 - 8 - 2;
  /**
   * Whether the Vector API is there: the JVM was started with {@code --add-modules
   * jdk.incubator.vector}, as the launcher, the tests and the benchmarks start it. Without it every
   * kernel takes its scalar path (same bytes, slower), and {@link ImageLanes} is never loaded.
   */
  static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  /** Whether resampling runs on SIMD lanes: the Vector API, and vectors of at least 256 bits. */
  private static final boolean SIMD = VECTOR_API && ImageLanes.resampleLanes();

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

  static int clip8(int v) {
    int s = v >> PRECISION_BITS;
    return s < 0 ? 0 : Math.min(s, 255);
  }

  /** The fixed-point taps of one axis, reusable for every image with the same sizes and filter. */
  record Coefficients(int inSize, int outSize, Interpolation filter, int ksize, int[] first, int[] count, int[] fixed) {}

  /** PIL's coefficients for resampling {@code inSize} samples to {@code outSize}, in 8-bit fixed point. */
  static Coefficients coefficients(int inSize, int outSize, Interpolation filter) {
    Taps t = taps(inSize, outSize, filter);
    return new Coefficients(inSize, outSize, filter, t.ksize, t.first, t.count, fixedPoint(t.weights));
  }

  /**
   * Convolution resize of interleaved 8-bit samples ({@code bands} per pixel).
   *
   * @return {@code [outH × outW × bands]} samples
   */
  static byte[] resize8(byte[] in, int inW, int inH, int bands, int outW, int outH, Interpolation filter) {
    if (outW == inW && outH == inH) {
      return in.clone();
    }
    byte[] out = new byte[outW * outH * bands];
    resizeCrop8(in, inW, inH, bands, outW, outH, filter, 0, 0, outW, outH, new ImageWorkspace(), out);
    return out;
  }

  /**
   * The window {@code [left, left + cropW) × [top, top + cropH)} of {@link #resize8}'s result,
   * computing only that window: the horizontal pass computes only the window's columns, for only
   * the source rows that the window's rows draw on, and the vertical pass only the window's rows.
   * Every output sample is PIL's own sum over the same taps, so the bytes equal cropping PIL's
   * full resize.
   *
   * <p>Both passes run on SIMD lanes ({@link ImageLanes}, on the Vector API) when the JVM has the
   * {@code jdk.incubator.vector} module and the CPU at least 256-bit vectors, otherwise as
   * {@link #resizeCrop8Scalar}. The vertical pass is a
   * multiply-add of whole source rows, {@code acc[j..j+L) += row[j..j+L) · k} per tap, on L lanes.
   * The horizontal pass would need each output sample's own run of taps along a row, so it works on
   * tiles of L source rows instead, transposed so that one lane holds one row: the same sum along
   * x then advances all L rows at once, with each tap's weight broadcast to every lane. Each sum is
   * the same set of integer products in another order, so no bit changes.
   *
   * @param dst receives {@code [cropH × cropW × bands]} samples
   */
  static void resizeCrop8(byte[] in, int inW, int inH, int bands, int outW, int outH, Interpolation filter, int left, int top,
      int cropW, int cropH, ImageWorkspace ws, byte[] dst) {
    if (SIMD) {
      ImageLanes.resizeCrop8(in, inW, inH, bands, outW, outH, filter, left, top, cropW, cropH, ws, dst);
    } else {
      resizeCrop8Scalar(in, inW, inH, bands, outW, outH, filter, left, top, cropW, cropH, ws, dst);
    }
  }

  /**
   * {@link #resizeCrop8} without SIMD lanes: the horizontal pass keeps three (or four) running sums
   * per pixel so that each tap's weight is loaded once for all bands, and writes clipped values as
   * ints for a row-by-row vertical pass.
   */
  static void resizeCrop8Scalar(byte[] in, int inW, int inH, int bands, int outW, int outH, Interpolation filter, int left, int top,
      int cropW, int cropH, ImageWorkspace ws, byte[] dst) {
    boolean horizontal = outW != inW;
    boolean vertical = outH != inH;
    int stride = cropW * bands;
    if (!vertical && !horizontal) {
      for (int y = 0; y < cropH; y++) {
        System.arraycopy(in, ((top + y) * inW + left) * bands, dst, y * stride, stride);
      }
      return;
    }
    Coefficients cv = vertical ? ws.coefficients(inH, outH, filter) : null;
    int rowFirst = vertical ? cv.first[top] : top;
    int rowEnd = vertical ? cv.first[top + cropH - 1] + cv.count[top + cropH - 1] : top + cropH;
    int rows = rowEnd - rowFirst;
    int[] mid = ws.intermediate(rows * stride);
    if (horizontal) {
      horizontalPass(in, inW, bands, ws.coefficients(inW, outW, filter), left, cropW, rowFirst, rows, mid);
    } else {
      for (int r = 0; r < rows; r++) {
        int p = ((rowFirst + r) * inW + left) * bands;
        int o = r * stride;
        for (int i = 0; i < stride; i++) {
          mid[o + i] = in[p + i] & 0xff;
        }
      }
    }
    if (!vertical) {
      for (int i = 0; i < rows * stride; i++) {
        dst[i] = (byte) mid[i];
      }
      return;
    }
    verticalPass(mid, stride, cv, top, cropH, rowFirst, ws.accumulator(stride), dst);
  }

  /** Rows {@code [rowFirst, rowFirst + rows)} of the source, columns {@code [left, left + cropW)} of the output, clipped. */
  private static void horizontalPass(byte[] in, int inW, int bands, Coefficients ch, int left, int cropW, int rowFirst, int rows,
      int[] mid) {
    int[] first = ch.first;
    int[] count = ch.count;
    int[] k = ch.fixed;
    int ksize = ch.ksize;
    int half = 1 << (PRECISION_BITS - 1);
    int inStride = inW * bands;
    int o = 0;
    for (int r = 0; r < rows; r++) {
      int inRow = (rowFirst + r) * inStride;
      if (bands == 3) {
        for (int xx = left; xx < left + cropW; xx++) {
          int p = inRow + first[xx] * 3;
          int kb = xx * ksize;
          int ke = kb + count[xx];
          int s0 = half;
          int s1 = half;
          int s2 = half;
          for (int t = kb; t < ke; t++, p += 3) {
            int w = k[t];
            s0 += (in[p] & 0xff) * w;
            s1 += (in[p + 1] & 0xff) * w;
            s2 += (in[p + 2] & 0xff) * w;
          }
          mid[o] = clip8(s0);
          mid[o + 1] = clip8(s1);
          mid[o + 2] = clip8(s2);
          o += 3;
        }
      } else if (bands == 1) {
        for (int xx = left; xx < left + cropW; xx++) {
          int p = inRow + first[xx];
          int kb = xx * ksize;
          int ke = kb + count[xx];
          int s0 = half;
          for (int t = kb; t < ke; t++, p++) {
            s0 += (in[p] & 0xff) * k[t];
          }
          mid[o++] = clip8(s0);
        }
      } else if (bands == 4) {
        for (int xx = left; xx < left + cropW; xx++) {
          int p = inRow + first[xx] * 4;
          int kb = xx * ksize;
          int ke = kb + count[xx];
          int s0 = half;
          int s1 = half;
          int s2 = half;
          int s3 = half;
          for (int t = kb; t < ke; t++, p += 4) {
            int w = k[t];
            s0 += (in[p] & 0xff) * w;
            s1 += (in[p + 1] & 0xff) * w;
            s2 += (in[p + 2] & 0xff) * w;
            s3 += (in[p + 3] & 0xff) * w;
          }
          mid[o] = clip8(s0);
          mid[o + 1] = clip8(s1);
          mid[o + 2] = clip8(s2);
          mid[o + 3] = clip8(s3);
          o += 4;
        }
      } else {
        for (int xx = left; xx < left + cropW; xx++) {
          int kb = xx * ksize;
          int n = count[xx];
          for (int b = 0; b < bands; b++) {
            int p = inRow + first[xx] * bands + b;
            int s = half;
            for (int t = 0; t < n; t++, p += bands) {
              s += (in[p] & 0xff) * k[kb + t];
            }
            mid[o++] = clip8(s);
          }
        }
      }
    }
  }

  /** Output rows {@code [top, top + cropH)} from the horizontal pass's rows (the first being source row {@code rowFirst}). */
  private static void verticalPass(int[] mid, int stride, Coefficients cv, int top, int cropH, int rowFirst, int[] acc, byte[] dst) {
    int half = 1 << (PRECISION_BITS - 1);
    for (int yy = 0; yy < cropH; yy++) {
      int oy = top + yy;
      int kb = oy * cv.ksize;
      int n = cv.count[oy];
      int base = (cv.first[oy] - rowFirst) * stride;
      java.util.Arrays.fill(acc, 0, stride, half);
      for (int t = 0; t < n; t++, base += stride) {
        int w = cv.fixed[kb + t];
        for (int i = 0; i < stride; i++) {
          acc[i] += mid[base + i] * w;
        }
      }
      int o = yy * stride;
      for (int i = 0; i < stride; i++) {
        dst[o + i] = (byte) clip8(acc[i]);
      }
    }
  }

  /**
   * The plain reference of {@link #resize8}: PIL's two passes over the whole image, one output
   * sample at a time. Kept to test the fast path against.
   *
   * @return {@code [outH × outW × bands]} samples
   */
  static byte[] resize8Reference(byte[] in, int inW, int inH, int bands, int outW, int outH, Interpolation filter) {
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
