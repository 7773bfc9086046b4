package dev.glassbox.encoders.image;

/**
 * The pixel layouts that PIL (Pillow) gives decoded images and that CLIP's reference preprocessing
 * treats differently: resizing happens in the image's own layout, before the conversion to RGB, so
 * palette and bilevel images are resized with nearest-neighbour sampling, images with alpha are
 * resized premultiplied, and CMYK is resized before its conversion.
 */
public enum PilMode {
  /** PIL "1": bilevel, stored as 0 or 255 per pixel. */
  BILEVEL(1),
  /** PIL "L": 8-bit grey. */
  L(1),
  /** PIL "LA": 8-bit grey and alpha. */
  LA(2),
  /** PIL "P": 8-bit palette indices with an RGB palette. */
  P(1),
  /** PIL "RGB". */
  RGB(3),
  /** PIL "RGBA": RGB and straight (not premultiplied) alpha. */
  RGBA(4),
  /** PIL "CMYK": ink values, 255 = full ink. */
  CMYK(4),
  /** PIL "I": 32-bit signed integer grey (16-bit greyscale PNGs open in this mode). */
  I(1);

  private final int bands;

  PilMode(int bands) {
    this.bands = bands;
  }

  /** Samples per pixel. */
  public int bands() {
    return bands;
  }
}
