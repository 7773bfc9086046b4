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
  /** {@code levels[c][v]}: the normalised value of 8-bit level {@code v} in channel {@code c}. */
  private final float[][] levels = new float[3][256];

  public ClipPreprocessor(PreprocessConfig config) {
    this.config = config;
    this.mean = config.mean();
    this.std = config.std();
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        levels[c][v] = normalized(v, mean[c], std[c]);
      }
    }
  }

  /** torchvision's ToTensor + Normalize of one 8-bit level, in its float32 order of operations. */
  private static float normalized(int level, float mean, float std) {
    float v = level / 255f;
    return (v - mean) / std;
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
    // A fresh workspace: its buffer is the caller's to keep.
    return resizeCropRgb(image, new ImageWorkspace());
  }

  /**
   * Resize, centre crop and {@code convert("RGB")} into a buffer of {@code ws}, valid until its
   * next use. Only the cropped window is ever resampled (see {@link PilResample#resizeCrop8}).
   */
  byte[] resizeCropRgb(DecodedImage image, ImageWorkspace ws) {
    int size = config.size();
    DecodedImage cropped;
    if (config.resizeMode() == ResizeMode.SQUASH) {
      cropped = PilOps.resizeCrop(image, size, size, 0, 0, size, size, config.interpolation(), ws);
    } else {
      int w = image.width();
      int h = image.height();
      int shortSide = Math.min(w, h);
      int longSide = Math.max(w, h);
      // torchvision: new_long = int(size * long / short), a double division truncated.
      int newLong = (int) ((double) size * longSide / shortSide);
      int newW = w <= h ? size : newLong;
      int newH = w <= h ? newLong : size;
      int top = (int) Math.rint((newH - size) / 2.0);
      int left = (int) Math.rint((newW - size) / 2.0);
      cropped = PilOps.resizeCrop(image, newW, newH, left, top, size, size, config.interpolation(), ws);
    }
    if (cropped.mode() == PilMode.RGB) {
      return cropped.samples();
    }
    return PilOps.toRgb(cropped, ws.rgb(size * size * 3));
  }

  /** Preprocesses into a new {@code [3 × size × size]} tensor. */
  public float[] tensor(DecodedImage image) {
    float[] out = new float[tensorLength()];
    tensor(image, out, 0);
    return out;
  }

  /** Preprocesses into {@code out[offset .. offset + 3·size²)}, channel-major (CHW). */
  public void tensor(DecodedImage image, float[] out, int offset) {
    tensor(image, new ImageWorkspace(), out, offset);
  }

  /** {@link #tensor(DecodedImage, float[], int)} with the intermediate buffers of {@code ws} (one per thread). */
  public void tensor(DecodedImage image, ImageWorkspace ws, float[] out, int offset) {
    normalize(resizeCropRgb(image, ws), out, offset);
  }

  /** Preprocesses a {@link BufferedImage} (see {@link ImageDecoder#fromBufferedImage}). */
  public float[] tensor(BufferedImage image) {
    return tensor(ImageDecoder.fromBufferedImage(image));
  }

  /**
   * ToTensor + Normalize of interleaved RGB bytes {@code [size × size × 3]} into CHW floats: one
   * pass over the bytes, each level looked up in a per-channel table that holds exactly the float
   * that torchvision's {@code (v / 255 - mean) / std} gives.
   */
  public void normalize(byte[] rgb, float[] out, int offset) {
    int plane = config.size() * config.size();
    if (rgb.length != plane * 3) {
      throw new IllegalArgumentException("expected " + (plane * 3) + " RGB bytes, got " + rgb.length);
    }
    float[] r = levels[0];
    float[] g = levels[1];
    float[] b = levels[2];
    int o0 = offset;
    int o1 = offset + plane;
    int o2 = offset + 2 * plane;
    for (int i = 0, p = 0; i < plane; i++, p += 3) {
      out[o0 + i] = r[rgb[p] & 0xff];
      out[o1 + i] = g[rgb[p + 1] & 0xff];
      out[o2 + i] = b[rgb[p + 2] & 0xff];
    }
  }

  /** The plain reference of {@link #normalize}: torchvision's arithmetic per sample, kept to test the tables against. */
  void normalizeReference(byte[] rgb, float[] out, int offset) {
    int plane = config.size() * config.size();
    for (int c = 0; c < 3; c++) {
      int o = offset + c * plane;
      for (int i = 0; i < plane; i++) {
        out[o + i] = normalized(rgb[3 * i + c] & 0xff, mean[c], std[c]);
      }
    }
  }
}
