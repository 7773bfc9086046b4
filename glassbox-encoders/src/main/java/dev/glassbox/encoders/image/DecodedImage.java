package dev.glassbox.encoders.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A decoded image in PIL's terms: its {@link PilMode}, size and samples.
 *
 * <p>Samples are interleaved row-major: {@code samples[(y * width + x) * bands + b]} as unsigned
 * bytes for every mode but {@link PilMode#I}, whose values are in {@link #intSamples()}. A
 * {@link PilMode#P} image carries its palette as {@code 0xRRGGBB} ints. The arrays are owned by the
 * image and must not be modified.
 */
public final class DecodedImage {
  private final PilMode mode;
  private final int width;
  private final int height;
  private final byte[] samples;
  private final int[] intSamples;
  private final int[] palette;

  private DecodedImage(PilMode mode, int width, int height, byte[] samples, int[] intSamples, int[] palette) {
    this.mode = mode;
    this.width = width;
    this.height = height;
    this.samples = samples;
    this.intSamples = intSamples;
    this.palette = palette;
  }

  /** An 8-bit image of any mode but {@link PilMode#P} and {@link PilMode#I}; {@code samples} is not copied. */
  public static DecodedImage of(PilMode mode, int width, int height, byte[] samples) {
    Objects.requireNonNull(mode, "mode");
    if (mode == PilMode.P || mode == PilMode.I) {
      throw new IllegalArgumentException("use palette(...) or ints(...) for mode " + mode);
    }
    checkSize(width, height, samples.length, mode.bands());
    return new DecodedImage(mode, width, height, samples, null, null);
  }

  /** A palette image; {@code palette} holds {@code 0xRRGGBB} entries that every index must address. */
  public static DecodedImage palette(int width, int height, byte[] indices, int[] palette) {
    checkSize(width, height, indices.length, 1);
    if (palette.length == 0 || palette.length > 256) {
      throw new IllegalArgumentException("a palette holds 1 to 256 colours, got " + palette.length);
    }
    int[] full = palette;
    if (palette.length < 256) {
      // Indices past the palette read black, as PIL's palette (padded with zeros) gives them.
      full = java.util.Arrays.copyOf(palette, 256);
    }
    return new DecodedImage(PilMode.P, width, height, indices, null, full);
  }

  /** A 32-bit integer grey image (PIL mode "I"). */
  public static DecodedImage ints(int width, int height, int[] values) {
    checkSize(width, height, values.length, 1);
    return new DecodedImage(PilMode.I, width, height, null, values, null);
  }

  private static void checkSize(int width, int height, int length, int bands) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("an image needs a positive size, got " + width + " × " + height);
    }
    if ((long) width * height * bands != length) {
      throw new IllegalArgumentException(
          "a " + width + " × " + height + " image with " + bands + " bands needs " + ((long) width * height * bands)
              + " samples, got " + length);
    }
  }

  public PilMode mode() {
    return mode;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Interleaved unsigned 8-bit samples (null for mode I). */
  public byte[] samples() {
    return samples;
  }

  /** Integer samples of a mode-I image (null otherwise). */
  public int[] intSamples() {
    return intSamples;
  }

  /** The 256-entry {@code 0xRRGGBB} palette of a mode-P image (null otherwise). */
  public int[] palette() {
    return palette;
  }

  @Override
  public String toString() {
    return "DecodedImage[" + mode + " " + width + "×" + height + "]";
  }

  /**
   * The image as an RGB {@link BufferedImage} ({@code TYPE_INT_RGB}), converted as PIL's
   * {@code Image.convert("RGB")} converts it (alpha dropped, palette looked up, grey replicated), for
   * encoders that take Java images.
   */
  public BufferedImage toRgbImage() {
    byte[] rgb = PilOps.toRgb(this);
    int[] packed = new int[width * height];
    for (int i = 0; i < packed.length; i++) {
      packed[i] = (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | (rgb[3 * i + 2] & 0xff);
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, width, height, packed, 0, width);
    return out;
  }
}
