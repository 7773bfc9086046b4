package dev.glassbox.math;

/**
 * Two-dimensional convolution as matrix product: {@link #im2col} unfolds every receptive field of
 * an image into a column, and one {@link Kernels#gemm} multiplies the filter bank with the columns
 * (the "im2col + GEMM" lowering of Chellapilla et al., "High performance convolutional neural
 * networks for document processing", 2006, which Caffe and most CPU libraries use).
 *
 * <p>Layouts follow PyTorch: an image is {@code [channels × height × width]} row-major, a filter
 * bank {@code [outChannels × inChannels × kernel × kernel]}, zero padding of {@code pad} on every
 * side, cross-correlation (no kernel flip). {@link ReferenceKernels#conv2d} is the scalar twin.
 */
public final class ConvKernels {
  private ConvKernels() {}

  /** The output side of a convolution: {@code ⌊(size + 2·pad − kernel) / stride⌋ + 1}. */
  public static int outputSize(int size, int kernel, int stride, int pad) {
    return (size + 2 * pad - kernel) / stride + 1;
  }

  /**
   * Unfolds {@code n} images held channel-major, {@code in[inOff ..]} of shape
   * {@code [c × n × h × w]} (channel {@code ci} of image {@code b} at {@code (ci·n + b)·h·w}), into
   * {@code col[(c·k·k) × (n·oh·ow)]}: row {@code (ci·k + ky)·k + kx}, column {@code (b·oh + oy)·ow + ox}
   * holds pixel {@code (ci, b, oy·stride + ky − pad, ox·stride + kx − pad)}, or 0 outside the image.
   * For {@code n = 1} the layout is the plain {@code [c × h × w]} of one image.
   */
  public static void im2col(float[] in, int inOff, int c, int n, int h, int w, int k, int stride, int pad, float[] col) {
    int oh = outputSize(h, k, stride, pad);
    int ow = outputSize(w, k, stride, pad);
    int plane = oh * ow;
    int cols = n * plane;
    for (int ci = 0; ci < c; ci++) {
      for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
          int row = ((ci * k + ky) * k + kx) * cols;
          for (int b = 0; b < n; b++) {
            int chan = inOff + (ci * n + b) * h * w;
            int rowB = row + b * plane;
            for (int oy = 0; oy < oh; oy++) {
              int iy = oy * stride + ky - pad;
              int dst = rowB + oy * ow;
              if (iy < 0 || iy >= h) {
                java.util.Arrays.fill(col, dst, dst + ow, 0f);
                continue;
              }
              int src = chan + iy * w;
              for (int ox = 0; ox < ow; ox++) {
                int ix = ox * stride + kx - pad;
                col[dst + ox] = ix >= 0 && ix < w ? in[src + ix] : 0f;
              }
            }
          }
        }
      }
    }
  }

  /** {@link #im2col(float[], int, int, int, int, int, int, int, int, float[])} of one image. */
  public static void im2col(float[] in, int inOff, int c, int h, int w, int k, int stride, int pad, float[] col) {
    im2col(in, inOff, c, 1, h, w, k, stride, pad, col);
  }

  /** The scratch length {@link #conv2d} needs for one image: {@code c·k·k·oh·ow}. */
  public static int scratchSize(int c, int h, int w, int k, int stride, int pad) {
    return c * k * k * outputSize(h, k, stride, pad) * outputSize(w, k, stride, pad);
  }

  /**
   * One image's convolution: {@code out[outOff ..]} of shape {@code [outC × oh × ow]} becomes
   * {@code weight · im2col(in) + bias}.
   *
   * @param weight {@code [outC × c × k × k]}
   * @param bias {@code [outC]}, or null for none
   * @param col scratch of at least {@link #scratchSize} floats
   */
  public static void conv2d(
      float[] in, int inOff, int c, int h, int w, float[] weight, float[] bias, int outC, int k, int stride, int pad,
      float[] out, int outOff, float[] col) {
    conv2d(in, inOff, c, 1, h, w, weight, bias, outC, k, stride, pad, out, outOff, col);
  }

  /**
   * The convolution of {@code n} images held channel-major ({@code [c × n × h × w]}, see
   * {@link #im2col(float[], int, int, int, int, int, int, int, int, float[])}) in one GEMM: the output
   * {@code out[outOff ..]} is channel-major too, {@code [outC × n × oh × ow]}, so layers chain
   * without reordering. One large product instead of {@code n} small ones keeps BLAS efficient.
   *
   * @param col scratch of at least {@code n ×} {@link #scratchSize} floats
   */
  public static void conv2d(
      float[] in, int inOff, int c, int n, int h, int w, float[] weight, float[] bias, int outC, int k, int stride, int pad,
      float[] out, int outOff, float[] col) {
    int oh = outputSize(h, k, stride, pad);
    int ow = outputSize(w, k, stride, pad);
    int cols = n * oh * ow;
    int ckk = c * k * k;
    im2col(in, inOff, c, n, h, w, k, stride, pad, col);
    if (bias != null) {
      for (int o = 0; o < outC; o++) {
        java.util.Arrays.fill(out, outOff + o * cols, outOff + (o + 1) * cols, bias[o]);
      }
    }
    Kernels.gemm(false, false, outC, cols, ckk, 1f, weight, 0, ckk, col, 0, cols, bias == null ? 0f : 1f, out, outOff, cols);
  }
}
