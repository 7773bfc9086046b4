package dev.glassbox.server;

import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.encode.ImageEncoderProvider;
import dev.glassbox.math.FloatMatrix;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;

/**
 * Image encoders for tests, found through {@link java.util.ServiceLoader} as the server finds real
 * ones: {@code test-pixels} projects a 4 × 4 grid of mean colours to the model's dimension with a
 * fixed random matrix; {@code test-latch} does the same after taking a permit from {@link #GATE},
 * so a test can hold requests inside the encoder.
 */
public final class TestEncoderProvider implements ImageEncoderProvider {
  public static final String PIXELS = "test-pixels";
  public static final String LATCH = "test-latch";
  /** Permits for {@code test-latch} encodes; tests release them. */
  static final Semaphore GATE = new Semaphore(0);

  @Override
  public String name() {
    return "test";
  }

  @Override
  public Optional<ImageEncoder> open(EncoderIdentity identity) {
    if (!identity.name().equals(PIXELS) && !identity.name().equals(LATCH)) {
      return Optional.empty();
    }
    boolean latch = identity.name().equals(LATCH);
    int dim = identity.dim();
    float[] proj = new float[48 * dim];
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < proj.length; i++) {
      proj[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return Optional.of(new ImageEncoder() {
      @Override
      public EncoderIdentity identity() {
        return identity;
      }

      @Override
      public FloatMatrix encode(List<BufferedImage> images) {
        if (latch) {
          GATE.acquireUninterruptibly();
        }
        float[] out = new float[images.size() * dim];
        for (int n = 0; n < images.size(); n++) {
          float[] f = features(images.get(n));
          for (int d = 0; d < dim; d++) {
            float s = 0;
            for (int i = 0; i < 48; i++) {
              s += f[i] * proj[i * dim + d];
            }
            out[n * dim + d] = s;
          }
        }
        return FloatMatrix.wrap(images.size(), dim, out);
      }
    });
  }

  static float[] features(BufferedImage im) {
    float[] f = new float[48];
    int[] count = new int[16];
    for (int y = 0; y < im.getHeight(); y++) {
      for (int x = 0; x < im.getWidth(); x++) {
        int cell = (y * 4 / im.getHeight()) * 4 + x * 4 / im.getWidth();
        int rgb = im.getRGB(x, y);
        f[cell * 3] += ((rgb >> 16) & 0xff) / 255f;
        f[cell * 3 + 1] += ((rgb >> 8) & 0xff) / 255f;
        f[cell * 3 + 2] += (rgb & 0xff) / 255f;
        count[cell]++;
      }
    }
    for (int c = 0; c < 16; c++) {
      for (int b = 0; b < 3; b++) {
        f[c * 3 + b] /= Math.max(1, count[c]);
      }
    }
    return f;
  }
}
