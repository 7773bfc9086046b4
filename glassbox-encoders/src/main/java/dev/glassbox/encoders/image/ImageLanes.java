package dev.glassbox.encoders.image;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernels of image preprocessing, on the Vector API ({@code jdk.incubator.vector}):
 * PIL's resampling ({@link PilResample#resizeCrop8}) and libjpeg's YCbCr conversion ({@link
 * JpegColor#yccToRgb(RasterBytes, int, int, byte[])}). Each computes the same integers as the scalar
 * code it stands in for, which the tests compare it with.
 *
 * <p>Only used when {@link PilResample#VECTOR_API} says the module is there, so that a JVM started
 * without {@code --add-modules jdk.incubator.vector} never loads this class and runs the scalar
 * paths instead.
 */
final class ImageLanes {
  /** Int lanes of the widest vectors the CPU has. */
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final int LANES = INTS.length();
  /** Byte vectors with as many lanes as {@link #INTS} (8 bytes for 8 lanes, 16 for 16). */
  private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, LANES * 8)));

  /** Byte lanes of the widest vectors; a quarter of them (one int lane each) are pixels per step. */
  private static final VectorSpecies<Byte> CBYTES = ByteVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> CINTS = VectorSpecies.of(int.class, CBYTES.vectorShape());
  private static final int PIXELS = CINTS.length();
  /** Y of pixel i to lane i, Cb to lane P + i, Cr to lane 2P + i (P pixels per step). */
  private static final VectorShuffle<Byte> PLANES = VectorShuffle.fromOp(CBYTES,
      i -> i < 3 * PIXELS ? 3 * (i % PIXELS) + i / PIXELS : 0);
  /** The inverse: lane 3i + c from lane cP + i. */
  private static final VectorShuffle<Byte> TRIPLES = VectorShuffle.fromOp(CBYTES,
      i -> i < 3 * PIXELS ? (i % 3) * PIXELS + i / 3 : 0);

  private ImageLanes() {}

  /** Whether the resampling kernels have at least 8 int lanes (256-bit vectors) to work with. */
  static boolean resampleLanes() {
    return LANES >= 8;
  }

  /** Whether the colour kernel has at least 8 pixels per step (256-bit vectors). */
  static boolean colourLanes() {
    return PIXELS >= 8;
  }

  /** {@link PilResample#resizeCrop8} on SIMD lanes (see there). */
  static void resizeCrop8(byte[] in, int inW, int inH, int bands, int outW, int outH, Interpolation filter, int left, int top,
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
    if (!vertical) {
      horizontalTiles(in, inW, bands, ws.coefficients(inW, outW, filter), left, cropW, top, cropH, ws, dst);
      return;
    }
    PilResample.Coefficients cv = ws.coefficients(inH, outH, filter);
    int rowFirst = cv.first()[top];
    int rowEnd = cv.first()[top + cropH - 1] + cv.count()[top + cropH - 1];
    if (horizontal) {
      byte[] mid = ws.rows((rowEnd - rowFirst) * stride);
      horizontalTiles(in, inW, bands, ws.coefficients(inW, outW, filter), left, cropW, rowFirst, rowEnd - rowFirst, ws, mid);
      verticalLanes(mid, 0, stride, rowFirst, stride, cv, top, cropH, dst);
    } else {
      verticalLanes(in, left * bands, inW * bands, 0, stride, cv, top, cropH, dst);
    }
  }

  /**
   * Source rows {@code [rowFirst, rowFirst + rows)}, output columns {@code [left, left + cropW)}, in
   * tiles of {@code LANES} rows: a tile's source bytes are transposed to {@code tile[j·L + i]}
   * (byte j of row i, only the columns the window reads), summed on lanes, and the clipped results
   * transposed back into {@code out}'s rows of {@code cropW·bands} bytes.
   */
  private static void horizontalTiles(byte[] in, int inW, int bands, PilResample.Coefficients ch, int left, int cropW, int rowFirst,
      int rows, ImageWorkspace ws, byte[] out) {
    int lanes = LANES;
    int stride = cropW * bands;
    int colFirst = ch.first()[left];
    int colEnd = ch.first()[left + cropW - 1] + ch.count()[left + cropW - 1];
    int span = (colEnd - colFirst) * bands;
    byte[] tile = ws.tile(span * lanes);
    byte[] sums = ws.tileSums(stride * lanes);
    int[] k = ch.fixed();
    int half = 1 << (PilResample.PRECISION_BITS - 1);
    int tapStep = bands * lanes;
    for (int r0 = 0; r0 < rows; r0 += lanes) {
      int h = Math.min(lanes, rows - r0);
      for (int i = 0; i < h; i++) {
        int p = ((rowFirst + r0 + i) * inW + colFirst) * bands;
        for (int j = 0, q = i; j < span; j++, q += lanes) {
          tile[q] = in[p + j];
        }
      }
      // Lanes at or past h hold an earlier tile's rows: summed like the others and never copied out.
      for (int xx = left; xx < left + cropW; xx++) {
        int kb = xx * ch.ksize();
        int n = ch.count()[xx];
        int base = (ch.first()[xx] - colFirst) * bands;
        for (int b = 0; b < bands; b++) {
          IntVector acc = IntVector.broadcast(INTS, half);
          for (int t = 0, q = (base + b) * lanes; t < n; t++, q += tapStep) {
            IntVector v = ((IntVector) ByteVector.fromArray(BYTES, tile, q).convertShape(VectorOperators.B2I, INTS, 0)).and(0xff);
            acc = acc.add(v.mul(k[kb + t]));
          }
          clip(acc).intoArray(sums, ((xx - left) * bands + b) * lanes);
        }
      }
      for (int i = 0; i < h; i++) {
        int o = (r0 + i) * stride;
        for (int j = 0, q = i; j < stride; j++, q += lanes) {
          out[o + j] = sums[q];
        }
      }
    }
  }

  /**
   * Output rows {@code [top, top + cropH)} from source rows held at
   * {@code src[offset + (r − rowFirst)·srcStride]}, {@code width} bytes each, {@code LANES} bytes at
   * a time.
   */
  private static void verticalLanes(byte[] src, int offset, int srcStride, int rowFirst, int width, PilResample.Coefficients cv,
      int top, int cropH, byte[] dst) {
    int lanes = LANES;
    int half = 1 << (PilResample.PRECISION_BITS - 1);
    int[] k = cv.fixed();
    int vectorEnd = width - width % lanes;
    for (int yy = 0; yy < cropH; yy++) {
      int oy = top + yy;
      int kb = oy * cv.ksize();
      int n = cv.count()[oy];
      int row0 = offset + (cv.first()[oy] - rowFirst) * srcStride;
      int o = yy * width;
      for (int j = 0; j < vectorEnd; j += lanes) {
        IntVector acc = IntVector.broadcast(INTS, half);
        for (int t = 0, q = row0 + j; t < n; t++, q += srcStride) {
          IntVector v = ((IntVector) ByteVector.fromArray(BYTES, src, q).convertShape(VectorOperators.B2I, INTS, 0)).and(0xff);
          acc = acc.add(v.mul(k[kb + t]));
        }
        clip(acc).intoArray(dst, o + j);
      }
      for (int j = vectorEnd; j < width; j++) {
        int s = half;
        for (int t = 0, q = row0 + j; t < n; t++, q += srcStride) {
          s += (src[q] & 0xff) * k[kb + t];
        }
        dst[o + j] = (byte) PilResample.clip8(s);
      }
    }
  }

  /** {@link PilResample#clip8} on every lane, narrowed to bytes. */
  private static ByteVector clip(IntVector acc) {
    return (ByteVector) acc.lanewise(VectorOperators.ASHR, PilResample.PRECISION_BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BYTES, 0);
  }

  /**
   * {@link JpegColor#yccToRgb(RasterBytes, int, int, byte[])} for {@code n} contiguous Y, Cb, Cr
   * triples from {@code s[base]}, P pixels per step on SIMD lanes: one load, one shuffle into Y, Cb and Cr
   * blocks, widening to ints, jdcolor.c's fixed-point products and clamps, narrowing, one shuffle
   * back into triples, one store. The products are those the tables hold, so the bytes are the same.
   */
  static void yccToRgb(byte[] s, int base, int n, byte[] out) {
    int vectorLength = CBYTES.length();
    int i = 0;
    // Loads and stores cover a whole vector, of which the first 3P bytes are used; the rest is
    // rewritten by the next step or the scalar tail, so the loop stops while a vector fits the image.
    for (; 3 * i + vectorLength <= 3 * n && base + 3 * i + vectorLength <= s.length; i += PIXELS) {
      ByteVector planes = ByteVector.fromArray(CBYTES, s, base + 3 * i).rearrange(PLANES);
      IntVector y = ((IntVector) planes.convertShape(VectorOperators.B2I, CINTS, 0)).and(0xff);
      IntVector cb = ((IntVector) planes.convertShape(VectorOperators.B2I, CINTS, 1)).and(0xff).sub(128);
      IntVector cr = ((IntVector) planes.convertShape(VectorOperators.B2I, CINTS, 2)).and(0xff).sub(128);
      // jdcolor.c: R = Y + (1.402·Cr'), G = Y + (−0.34414·Cb' − 0.71414·Cr'), B = Y + (1.772·Cb'),
      // each product in 16-bit fixed point, rounded by adding one half and shifting.
      IntVector r = y.add(cr.mul(JpegColor.R_CR).add(JpegColor.ONE_HALF).lanewise(VectorOperators.ASHR, JpegColor.SCALE_BITS));
      IntVector g = y.add(cb.mul(-JpegColor.G_CB).sub(cr.mul(JpegColor.G_CR)).add(JpegColor.ONE_HALF)
          .lanewise(VectorOperators.ASHR, JpegColor.SCALE_BITS));
      IntVector b = y.add(cb.mul(JpegColor.B_CB).add(JpegColor.ONE_HALF).lanewise(VectorOperators.ASHR, JpegColor.SCALE_BITS));
      ByteVector rgb = ((ByteVector) r.max(0).min(255).convertShape(VectorOperators.I2B, CBYTES, 0))
          .or((ByteVector) g.max(0).min(255).convertShape(VectorOperators.I2B, CBYTES, -1))
          .or((ByteVector) b.max(0).min(255).convertShape(VectorOperators.I2B, CBYTES, -2));
      rgb.rearrange(TRIPLES).intoArray(out, 3 * i);
    }
    for (int o = 3 * i, p = base + 3 * i; i < n; i++, o += 3, p += 3) {
      JpegColor.yccToRgb(s[p] & 0xff, s[p + 1] & 0xff, s[p + 2] & 0xff, out, o);
    }
  }
}
