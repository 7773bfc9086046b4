package dev.glassbox.encoders.image;

/**
 * The PIL operations CLIP's preprocessing applies, per {@link PilMode}: resize (with the mode rules
 * of {@code Image.resize}), crop, conversion to RGB, and EXIF transposition. Pillow 9.4 semantics.
 */
final class PilOps {
  private PilOps() {}

  /**
   * {@code Image.resize(size, filter)}: palette and bilevel images use nearest-neighbour sampling
   * whatever the filter; RGBA and LA are premultiplied by alpha, resized, and divided again.
   */
  static DecodedImage resize(DecodedImage im, int outW, int outH, Interpolation filter) {
    int w = im.width();
    int h = im.height();
    if (w == outW && h == outH) {
      return im;
    }
    return switch (im.mode()) {
      case P -> DecodedImage.palette(outW, outH, PilResample.nearest8(im.samples(), w, h, 1, outW, outH), im.palette());
      case BILEVEL -> DecodedImage.of(im.mode(), outW, outH, PilResample.nearest8(im.samples(), w, h, 1, outW, outH));
      case I -> DecodedImage.ints(outW, outH, PilResample.resize32(im.intSamples(), w, h, outW, outH, filter));
      case L, RGB, CMYK -> DecodedImage.of(im.mode(), outW, outH,
          PilResample.resize8(im.samples(), w, h, im.mode().bands(), outW, outH, filter));
      case LA, RGBA -> {
        int bands = im.mode().bands();
        byte[] pre = premultiply(im.samples(), bands);
        byte[] resized = PilResample.resize8(pre, w, h, bands, outW, outH, filter);
        yield DecodedImage.of(im.mode(), outW, outH, unpremultiply(resized, bands));
      }
    };
  }

  /**
   * {@code resize(outW, outH)} followed by {@code crop(left, top, cropW, cropH)}, computing only the
   * cropped window for the convolution-resized modes (see {@link PilResample#resizeCrop8}). The
   * result's samples may live in {@code ws} until its next use.
   */
  static DecodedImage resizeCrop(DecodedImage im, int outW, int outH, int left, int top, int cropW, int cropH,
      Interpolation filter, ImageWorkspace ws) {
    int w = im.width();
    int h = im.height();
    PilMode mode = im.mode();
    switch (mode) {
      case L, RGB, CMYK -> {
        byte[] dst = ws.cropped(cropW * cropH * mode.bands());
        PilResample.resizeCrop8(im.samples(), w, h, mode.bands(), outW, outH, filter, left, top, cropW, cropH, ws, dst);
        return DecodedImage.of(mode, cropW, cropH, dst);
      }
      case LA, RGBA -> {
        int bands = mode.bands();
        byte[] pre = w == outW && h == outH ? im.samples() : premultiply(im.samples(), bands);
        byte[] dst = ws.cropped(cropW * cropH * bands);
        PilResample.resizeCrop8(pre, w, h, bands, outW, outH, filter, left, top, cropW, cropH, ws, dst);
        if (pre != im.samples()) {
          unpremultiplyInPlace(dst, bands);
        }
        return DecodedImage.of(mode, cropW, cropH, dst);
      }
      default -> {
        return crop(resize(im, outW, outH, filter), left, top, cropW, cropH);
      }
    }
  }

  /** PIL's RGBA → RGBa (and LA → La): colour × alpha / 255, rounded with PIL's MULDIV255. */
  static byte[] premultiply(byte[] s, int bands) {
    byte[] out = new byte[s.length];
    int a = bands - 1;
    for (int p = 0; p < s.length; p += bands) {
      int alpha = s[p + a] & 0xff;
      for (int b = 0; b < a; b++) {
        out[p + b] = (byte) mulDiv255(s[p + b] & 0xff, alpha);
      }
      out[p + a] = (byte) alpha;
    }
    return out;
  }

  /** PIL's RGBa → RGBA: colour × 255 / alpha (integer division, clipped), unchanged at alpha 0 or 255. */
  static byte[] unpremultiply(byte[] s, int bands) {
    byte[] out = s.clone();
    unpremultiplyInPlace(out, bands);
    return out;
  }

  private static void unpremultiplyInPlace(byte[] s, int bands) {
    int a = bands - 1;
    for (int p = 0; p < s.length; p += bands) {
      int alpha = s[p + a] & 0xff;
      if (alpha == 255 || alpha == 0) {
        continue;
      }
      for (int b = 0; b < a; b++) {
        int v = s[p + b] & 0xff;
        s[p + b] = (byte) Math.min(255, (255 * v) / alpha);
      }
    }
  }

  private static int mulDiv255(int a, int b) {
    int tmp = a * b + 128;
    return ((tmp >> 8) + tmp) >> 8;
  }

  /** The {@code w × h} region at {@code (left, top)}, which must lie inside the image. */
  static DecodedImage crop(DecodedImage im, int left, int top, int w, int h) {
    if (left == 0 && top == 0 && w == im.width() && h == im.height()) {
      return im;
    }
    if (im.mode() == PilMode.I) {
      int[] out = new int[w * h];
      for (int y = 0; y < h; y++) {
        System.arraycopy(im.intSamples(), (top + y) * im.width() + left, out, y * w, w);
      }
      return DecodedImage.ints(w, h, out);
    }
    int bands = im.mode().bands();
    byte[] out = new byte[w * h * bands];
    for (int y = 0; y < h; y++) {
      System.arraycopy(im.samples(), ((top + y) * im.width() + left) * bands, out, y * w * bands, w * bands);
    }
    return im.mode() == PilMode.P ? DecodedImage.palette(w, h, out, im.palette()) : DecodedImage.of(im.mode(), w, h, out);
  }

  /**
   * {@code Image.convert("RGB")} as interleaved RGB bytes: alpha is dropped (not composited), palette
   * entries looked up, grey replicated, mode I clipped to {@code [0, 255]}, CMYK converted with PIL's
   * {@code r = (255 - k) - (c × (255 - k) / 255)} (MULDIV255 rounding).
   */
  static byte[] toRgb(DecodedImage im) {
    return toRgb(im, new byte[im.width() * im.height() * 3]);
  }

  /** {@link #toRgb(DecodedImage)} into {@code out}, which holds {@code width × height × 3} bytes. */
  static byte[] toRgb(DecodedImage im, byte[] out) {
    int n = im.width() * im.height();
    byte[] s = im.samples();
    switch (im.mode()) {
      case RGB -> System.arraycopy(s, 0, out, 0, out.length);
      case RGBA -> {
        for (int i = 0; i < n; i++) {
          out[3 * i] = s[4 * i];
          out[3 * i + 1] = s[4 * i + 1];
          out[3 * i + 2] = s[4 * i + 2];
        }
      }
      case L, BILEVEL -> {
        for (int i = 0; i < n; i++) {
          out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = s[i];
        }
      }
      case LA -> {
        for (int i = 0; i < n; i++) {
          out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = s[2 * i];
        }
      }
      case P -> {
        int[] pal = im.palette();
        for (int i = 0; i < n; i++) {
          int c = pal[s[i] & 0xff];
          out[3 * i] = (byte) (c >> 16);
          out[3 * i + 1] = (byte) (c >> 8);
          out[3 * i + 2] = (byte) c;
        }
      }
      case I -> {
        int[] v = im.intSamples();
        for (int i = 0; i < n; i++) {
          int g = v[i] <= 0 ? 0 : Math.min(v[i], 255);
          out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = (byte) g;
        }
      }
      case CMYK -> {
        for (int i = 0; i < n; i++) {
          int nk = 255 - (s[4 * i + 3] & 0xff);
          for (int b = 0; b < 3; b++) {
            int v = nk - mulDiv255(s[4 * i + b] & 0xff, nk);
            out[3 * i + b] = (byte) (v < 0 ? 0 : v);
          }
        }
      }
    }
    return out;
  }

  /**
   * PIL's {@code ImageOps.exif_transpose}: orientation 2 mirrors, 3 rotates 180°, 4 flips, 5
   * transposes, 6 rotates 90° clockwise, 7 transverses, 8 rotates 90° counter-clockwise; 1 and
   * unknown values leave the image as it is.
   */
  static DecodedImage exifTranspose(DecodedImage im, int orientation) {
    return exifTranspose(im, orientation, null);
  }

  /**
   * {@link #exifTranspose(DecodedImage, int)}, with the result's samples in {@code ws} (null: a new
   * array) for 8-bit modes.
   *
   * <p>Output pixel {@code (x, y)} reads source pixel {@code (sx, sy)}, an affine function of
   * {@code (x, y)} for each orientation, so the source index is {@code rowStart(y) + x·step}: one
   * addition per pixel instead of a table of indices.
   */
  static DecodedImage exifTranspose(DecodedImage im, int orientation, ImageWorkspace ws) {
    if (orientation < 2 || orientation > 8) {
      return im;
    }
    int w = im.width();
    int h = im.height();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    // Source pixel index = step·x + rowStep·y + origin, from (sx, sy) per orientation.
    int step;
    int rowStep;
    int origin;
    switch (orientation) {
      case 2 -> { step = -1; rowStep = w; origin = w - 1; }
      case 3 -> { step = -1; rowStep = -w; origin = (h - 1) * w + w - 1; }
      case 4 -> { step = 1; rowStep = -w; origin = (h - 1) * w; }
      case 5 -> { step = w; rowStep = 1; origin = 0; }
      case 6 -> { step = -w; rowStep = 1; origin = (h - 1) * w; }
      case 7 -> { step = -w; rowStep = -1; origin = (h - 1) * w + w - 1; }
      default -> { step = w; rowStep = -1; origin = w - 1; }
    }
    if (im.mode() == PilMode.I) {
      int[] src = im.intSamples();
      int[] out = new int[ow * oh];
      int o = 0;
      for (int y = 0; y < oh; y++) {
        int s = origin + y * rowStep;
        for (int x = 0; x < ow; x++, s += step) {
          out[o++] = src[s];
        }
      }
      return DecodedImage.ints(ow, oh, out);
    }
    int bands = im.mode().bands();
    byte[] src = im.samples();
    byte[] out = ws == null ? new byte[ow * oh * bands] : ws.transposed(ow * oh * bands);
    int o = 0;
    int bstep = step * bands;
    for (int y = 0; y < oh; y++) {
      int s = (origin + y * rowStep) * bands;
      if (bands == 3) {
        for (int x = 0; x < ow; x++, s += bstep, o += 3) {
          out[o] = src[s];
          out[o + 1] = src[s + 1];
          out[o + 2] = src[s + 2];
        }
      } else {
        for (int x = 0; x < ow; x++, s += bstep) {
          for (int b = 0; b < bands; b++) {
            out[o++] = src[s + b];
          }
        }
      }
    }
    return im.mode() == PilMode.P ? DecodedImage.palette(ow, oh, out, im.palette()) : DecodedImage.of(im.mode(), ow, oh, out);
  }
}
