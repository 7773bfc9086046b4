package dev.glassbox.testing;

import dev.glassbox.math.FloatMatrix;
import java.util.SplittableRandom;

/** Seeded random test data. */
public final class Rand {
  private Rand() {}

  public static FloatMatrix gaussian(int rows, int cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) gaussian(r);
    }
    return FloatMatrix.wrap(rows, cols, d);
  }

  public static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  public static int[] labels(int n, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < classes ? i : r.nextInt(classes);
    }
    return y;
  }
}
