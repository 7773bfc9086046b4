package dev.glassbox.encoders.image;

import java.awt.image.BufferedImage;

/**
 * CLIP's image preprocessing (Radford et al., 2021; {@code clip/clip.py}'s {@code _transform}),
 * reproducing torchvision on PIL images: {@code Resize(size, BICUBIC)} → {@code CenterCrop(size)} →
 * {@code convert("RGB")} → {@code ToTensor()} → {@code Normalize(mean, std)}, giving a CHW float
 * tensor.
 *
 * <p>The resize runs in the image's own PIL mode before the RGB conversion, as in the reference
 * (see {@link PilMode}); the resampling is PIL's (see {@link PilResample}), so outputs match PIL
 * byte for byte on losslessly stored images. Normalisation is done in float32 in torchvision's
 * order: {@code (v / 255 - mean) / std}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClipPreprocessor {
  private final PreprocessConfig config;
  private final float[] mean;
  private final float[] std;

  public ClipPreprocessor(PreprocessConfig config) {
    this.config = config;
    this.mean = config.mean();
    this.std = config.std();
  }

  public PreprocessConfig config() {
    return config;
  }

  /** Values per preprocessed image: {@code 3 × size × size}. */
  public int tensorLength() {
    return 3 * config.size() * config.size();
  }

  /** The resized and cropped image as interleaved RGB bytes, {@code [size × size × 3]}, before normalisation. */
  public byte[] resizeCropRgb(DecodedImage image) {
    int size = config.size();
    DecodedImage cropped;
    if (config.resizeMode() == ResizeMode.SQUASH) {
      cropped = PilOps.resize(image, size, size, config.interpolation());
    } else {
      int w = image.width();
      int h = image.height();
      int shortSide = Math.min(w, h);
      int longSide = Math.max(w, h);
      // torchvision: new_long = int(size * long / short), a double division truncated.
      int newLong = (int) ((double) size * longSide / shortSide);
      int newW = w <= h ? size : newLong;
      int newH = w <= h ? newLong : size;
      DecodedImage resized = PilOps.resize(image, newW, newH, config.interpolation());
      int top = (int) Math.rint((newH - size) / 2.0);
      int left = (int) Math.rint((newW - size) / 2.0);
      cropped = PilOps.crop(resized, left, top, size, size);
    }
    return PilOps.toRgb(cropped);
  }

  /** Preprocesses into a new {@code [3 × size × size]} tensor. */
  public float[] tensor(DecodedImage image) {
    float[] out = new float[tensorLength()];
    tensor(image, out, 0);
    return out;
  }

  /** Preprocesses into {@code out[offset .. offset + 3·size²)}, channel-major (CHW). */
  public void tensor(DecodedImage image, float[] out, int offset) {
    normalize(resizeCropRgb(image), out, offset);
  }

  /** Preprocesses a {@link BufferedImage} (see {@link ImageDecoder#fromBufferedImage}). */
  public float[] tensor(BufferedImage image) {
    return tensor(ImageDecoder.fromBufferedImage(image));
  }

  /** ToTensor + Normalize of interleaved RGB bytes {@code [size × size × 3]} into CHW floats. */
  public void normalize(byte[] rgb, float[] out, int offset) {
    int plane = config.size() * config.size();
    if (rgb.length != plane * 3) {
      throw new IllegalArgumentException("expected " + (plane * 3) + " RGB bytes, got " + rgb.length);
    }
    for (int c = 0; c < 3; c++) {
      float m = mean[c];
      float s = std[c];
      int o = offset + c * plane;
      for (int i = 0; i < plane; i++) {
        float v = (rgb[3 * i + c] & 0xff) / 255f;
        out[o + i] = (v - m) / s;
      }
    }
  }
}
