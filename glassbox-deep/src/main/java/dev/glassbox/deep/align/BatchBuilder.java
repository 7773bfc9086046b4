package dev.glassbox.deep.align;

import dev.glassbox.encode.convnet.ConvNet;
import dev.glassbox.encode.convnet.ConvNetSpec;
import java.util.SplittableRandom;

/**
 * Turns a batch of 8-bit images into the network's normalised input, augmenting each image from
 * its own seed: a horizontal flip (the world's birds face either way), a shift of up to
 * {@code maxShift} pixels per axis with edge pixels repeated into the uncovered border, and a
 * brightness/contrast jitter {@code x' = (x − ½)·c + ½ + b} in [0, 1] units. Hue is never changed,
 * so colour words keep their meaning.
 */
final class BatchBuilder {
  private final ConvNetSpec spec;
  private final AlignmentConfig config;
  private final byte[] shifted;

  BatchBuilder(ConvNetSpec spec, AlignmentConfig config) {
    this.spec = spec;
    this.config = config;
    this.shifted = new byte[3 * spec.inputSize() * spec.inputSize()];
  }

  /** Writes image {@code img} (augmented when the config says so) at {@code out[outOff ..]}. */
  void put(byte[] img, long seed, float[] out, int outOff) {
    if (!config.augment()) {
      ConvNet.normalize(img, 0, spec, out, outOff);
      return;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    boolean flip = rnd.nextBoolean();
    int dx = config.maxShift() == 0 ? 0 : rnd.nextInt(-config.maxShift(), config.maxShift() + 1);
    int dy = config.maxShift() == 0 ? 0 : rnd.nextInt(-config.maxShift(), config.maxShift() + 1);
    double c = 1 + (rnd.nextDouble() * 2 - 1) * config.contrast();
    double b = (rnd.nextDouble() * 2 - 1) * config.brightness();
    int s = spec.inputSize();
    int plane = s * s;
    for (int ch = 0; ch < 3; ch++) {
      int base = ch * plane;
      for (int y = 0; y < s; y++) {
        int sy = Math.min(s - 1, Math.max(0, y - dy));
        for (int x = 0; x < s; x++) {
          int sx = Math.min(s - 1, Math.max(0, x - dx));
          if (flip) {
            sx = s - 1 - sx;
          }
          shifted[base + y * s + x] = img[base + sy * s + sx];
        }
      }
    }
    ConvNet.normalize(shifted, 0, spec, out, outOff);
    float[] mean = spec.mean();
    float[] std = spec.std();
    // Jitter in [0, 1] units: v = x·std + mean; v' = (v − ½)·c + ½ + b; x' = (v' − mean)/std.
    for (int ch = 0; ch < 3; ch++) {
      float m = mean[ch];
      float sd = std[ch];
      int base = outOff + ch * plane;
      for (int p = 0; p < plane; p++) {
        double v = out[base + p] * sd + m;
        double v2 = Math.min(1, Math.max(0, (v - 0.5) * c + 0.5 + b));
        out[base + p] = (float) ((v2 - m) / sd);
      }
    }
  }
}
