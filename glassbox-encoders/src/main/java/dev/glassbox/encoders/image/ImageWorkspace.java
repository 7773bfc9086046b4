package dev.glassbox.encoders.image;

/**
 * Reusable memory of one decoding thread: the decoded samples, the resampling intermediates, the
 * cropped RGB bytes and the output tensor, plus the fixed-point resampling coefficients of the last
 * few image sizes seen. A folder of same-sized photos then decodes and preprocesses without
 * allocating pixel memory or recomputing filter taps per image.
 *
 * <p>Buffers above {@link #RETAIN_LIMIT} bytes are allocated for one use and not kept, so one huge
 * image does not pin hundreds of megabytes per thread for the rest of a run.
 *
 * <p>Not thread-safe: one workspace per thread (see {@link ImagePipeline#load(java.nio.file.Path,
 * ImageWorkspace, float[], int)}). Nothing read through a workspace escapes it: results are always
 * written to the caller's arrays.
 */
public final class ImageWorkspace {
  /** Largest buffer kept between images: 32 MiB (a 10-megapixel RGB image). */
  static final int RETAIN_LIMIT = 32 << 20;
  private static final int CACHED_AXES = 4;

  private byte[] decoded;
  private byte[] transposed;
  private byte[] cropped;
  private byte[] rgb;
  private int[] intermediate;
  private byte[] rows;
  private byte[] tile;
  private byte[] tileSums;
  private int[] accumulator;
  private float[] tensor;
  private final PilResample.Coefficients[] axes = new PilResample.Coefficients[CACHED_AXES];
  private int nextAxis;

  public ImageWorkspace() {}

  /** Exactly {@code n} bytes for decoded samples. */
  byte[] decoded(int n) {
    byte[] b = exact(decoded, n);
    if (n <= RETAIN_LIMIT) {
      decoded = b;
    }
    return b;
  }

  /** Exactly {@code n} bytes for an EXIF-transposed image. */
  byte[] transposed(int n) {
    byte[] b = exact(transposed, n);
    if (n <= RETAIN_LIMIT) {
      transposed = b;
    }
    return b;
  }

  /** Exactly {@code n} bytes for a resized and cropped image in its own mode. */
  byte[] cropped(int n) {
    byte[] b = exact(cropped, n);
    if (n <= RETAIN_LIMIT) {
      cropped = b;
    }
    return b;
  }

  /** Exactly {@code n} bytes for the cropped image converted to RGB. */
  byte[] rgb(int n) {
    byte[] b = exact(rgb, n);
    if (n <= RETAIN_LIMIT) {
      rgb = b;
    }
    return b;
  }

  /** At least {@code n} bytes for the horizontal pass's rows. */
  byte[] rows(int n) {
    byte[] b = atLeast(rows, n);
    if (n <= RETAIN_LIMIT) {
      rows = b;
    }
    return b;
  }

  /** At least {@code n} bytes for a transposed tile of source rows. */
  byte[] tile(int n) {
    byte[] b = atLeast(tile, n);
    if (n <= RETAIN_LIMIT) {
      tile = b;
    }
    return b;
  }

  /** At least {@code n} bytes for a tile's transposed sums. */
  byte[] tileSums(int n) {
    byte[] b = atLeast(tileSums, n);
    if (n <= RETAIN_LIMIT) {
      tileSums = b;
    }
    return b;
  }

  /** At least {@code n} ints for the horizontal pass's rows. */
  int[] intermediate(int n) {
    int[] b = atLeast(intermediate, n);
    if (n <= RETAIN_LIMIT / 4) {
      intermediate = b;
    }
    return b;
  }

  /** At least {@code n} ints for one output row's sums. */
  int[] accumulator(int n) {
    int[] b = atLeast(accumulator, n);
    if (n <= RETAIN_LIMIT / 4) {
      accumulator = b;
    }
    return b;
  }

  /** At least {@code n} floats for a preprocessed tensor on its way to a direct buffer. */
  float[] tensor(int n) {
    if (tensor == null || tensor.length < n) {
      tensor = new float[n];
    }
    return tensor;
  }

  /** The resampling coefficients of one axis, computed once per size and filter. */
  PilResample.Coefficients coefficients(int inSize, int outSize, Interpolation filter) {
    for (PilResample.Coefficients c : axes) {
      if (c != null && c.inSize() == inSize && c.outSize() == outSize && c.filter() == filter) {
        return c;
      }
    }
    PilResample.Coefficients c = PilResample.coefficients(inSize, outSize, filter);
    axes[nextAxis] = c;
    nextAxis = (nextAxis + 1) % CACHED_AXES;
    return c;
  }

  private static byte[] exact(byte[] b, int n) {
    return b != null && b.length == n ? b : new byte[n];
  }

  private static byte[] atLeast(byte[] b, int n) {
    return b != null && b.length >= n ? b : new byte[n];
  }

  private static int[] atLeast(int[] b, int n) {
    return b != null && b.length >= n ? b : new int[n];
  }
}
