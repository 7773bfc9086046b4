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
    byte[] out = new byte[s.length];
    int a = bands - 1;
    for (int p = 0; p < s.length; p += bands) {
      int alpha = s[p + a] & 0xff;
      for (int b = 0; b < a; b++) {
        int v = s[p + b] & 0xff;
        out[p + b] = (byte) (alpha == 255 || alpha == 0 ? v : Math.min(255, (255 * v) / alpha));
      }
      out[p + a] = (byte) alpha;
    }
    return out;
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
    int n = im.width() * im.height();
    byte[] out = new byte[n * 3];
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
    if (orientation < 2 || orientation > 8) {
      return im;
    }
    int w = im.width();
    int h = im.height();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    int bands = im.mode() == PilMode.I ? 1 : im.mode().bands();
    int[] srcIndex = new int[ow * oh];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          default -> { sx = w - 1 - y; sy = x; }
        }
        srcIndex[y * ow + x] = sy * w + sx;
      }
    }
    if (im.mode() == PilMode.I) {
      int[] out = new int[ow * oh];
      for (int i = 0; i < out.length; i++) {
        out[i] = im.intSamples()[srcIndex[i]];
      }
      return DecodedImage.ints(ow, oh, out);
    }
    byte[] out = new byte[ow * oh * bands];
    for (int i = 0; i < srcIndex.length; i++) {
      System.arraycopy(im.samples(), srcIndex[i] * bands, out, i * bands, bands);
    }
    return im.mode() == PilMode.P ? DecodedImage.palette(ow, oh, out, im.palette()) : DecodedImage.of(im.mode(), ow, oh, out);
  }
}
