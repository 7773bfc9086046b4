package dev.glassbox.encoders.image;

/**
 * Limits and options of {@link ImageDecoder}.
 *
 * @param maxPixels largest width × height accepted, checked against the file's header before any
 *     pixel memory is allocated (decompression bombs claim huge sizes in tiny files). Range
 *     {@code [1, 2^31 - 1]}; default 50,000,000, a little above a 48-megapixel phone photo (decoding
 *     takes up to 4 bytes per pixel, so about 200 MB at the limit)
 * @param maxFileBytes largest file read into memory. Range {@code [1, 2^31 - 9]}; default 512 MiB
 * @param applyExifOrientation rotate or mirror the image as its EXIF Orientation tag says, so that it
 *     is seen upright (PIL's {@code ImageOps.exif_transpose}); CLIP's own preprocessing does not do
 *     this. Default true
 */
public record ImageDecoderConfig(long maxPixels, long maxFileBytes, boolean applyExifOrientation) {
  public ImageDecoderConfig {
    if (maxPixels < 1 || maxPixels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("maxPixels must be in [1, " + Integer.MAX_VALUE + "], got " + maxPixels);
    }
    if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxFileBytes must be in [1, " + (Integer.MAX_VALUE - 8) + "], got " + maxFileBytes);
    }
  }

  public static ImageDecoderConfig defaults() {
    return new ImageDecoderConfig(50_000_000L, 512L << 20, true);
  }

  public ImageDecoderConfig withMaxPixels(long pixels) {
    return new ImageDecoderConfig(pixels, maxFileBytes, applyExifOrientation);
  }

  public ImageDecoderConfig withMaxFileBytes(long bytes) {
    return new ImageDecoderConfig(maxPixels, bytes, applyExifOrientation);
  }

  public ImageDecoderConfig withApplyExifOrientation(boolean apply) {
    return new ImageDecoderConfig(maxPixels, maxFileBytes, apply);
  }
}
