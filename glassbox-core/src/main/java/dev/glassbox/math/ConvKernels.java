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
   * Unfolds one image {@code in[inOff ..]} of shape {@code [c × h × w]} into
   * {@code col[(c·k·k) × (oh·ow)]}: row {@code (ci·k + ky)·k + kx}, column {@code oy·ow + ox} holds
   * input pixel {@code (ci, oy·stride + ky − pad, ox·stride + kx − pad)}, or 0 outside the image.
   */
  public static void im2col(float[] in, int inOff, int c, int h, int w, int k, int stride, int pad, float[] col) {
    int oh = outputSize(h, k, stride, pad);
    int ow = outputSize(w, k, stride, pad);
    int plane = oh * ow;
    for (int ci = 0; ci < c; ci++) {
      int chan = inOff + ci * h * w;
      for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
          int row = ((ci * k + ky) * k + kx) * plane;
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * stride + ky - pad;
            int dst = row + oy * ow;
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

  /** The scratch length {@link #conv2d} needs: {@code c·k·k·oh·ow}. */
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
    int oh = outputSize(h, k, stride, pad);
    int ow = outputSize(w, k, stride, pad);
    int plane = oh * ow;
    int ckk = c * k * k;
    im2col(in, inOff, c, h, w, k, stride, pad, col);
    if (bias != null) {
      for (int o = 0; o < outC; o++) {
        java.util.Arrays.fill(out, outOff + o * plane, outOff + (o + 1) * plane, bias[o]);
      }
    }
    Kernels.gemm(false, false, outC, plane, ckk, 1f, weight, 0, ckk, col, 0, plane, bias == null ? 0f : 1f, out, outOff, plane);
  }
}
