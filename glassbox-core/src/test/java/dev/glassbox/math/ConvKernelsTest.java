package dev.glassbox.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ConvKernelsTest {
  @Test
  void outputSizeFollowsTheConvolutionFormula() {
    assertThat(ConvKernels.outputSize(128, 3, 2, 1)).isEqualTo(64);
    assertThat(ConvKernels.outputSize(5, 3, 1, 1)).isEqualTo(5);
    assertThat(ConvKernels.outputSize(5, 3, 2, 1)).isEqualTo(3);
    assertThat(ConvKernels.outputSize(4, 1, 1, 0)).isEqualTo(4);
  }

  @Test
  void aThreeByThreeBoxFilterSumsEachNeighbourhoodWithZeroPadding() {
    // 1 channel, 3 × 3 image of ones, box filter: corners see 4 pixels, edges 6, the centre 9.
    float[] in = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    float[] w = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    float[] out = new float[9];
    ConvKernels.conv2d(in, 0, 1, 3, 3, w, new float[] {0.5f}, 1, 3, 1, 1, out, 0, new float[ConvKernels.scratchSize(1, 3, 3, 3, 1, 1)]);
    assertThat(out).containsExactly(4.5f, 6.5f, 4.5f, 6.5f, 9.5f, 6.5f, 4.5f, 6.5f, 4.5f);
  }

  @Test
  void im2colPutsEachReceptiveFieldInAColumn() {
    // 1 channel, 2 × 2 image, 1 × 1 kernel, stride 1: the columns are the pixels themselves.
    float[] col = new float[4];
    ConvKernels.im2col(new float[] {1, 2, 3, 4}, 0, 1, 2, 2, 1, 1, 0, col);
    assertThat(col).containsExactly(1, 2, 3, 4);
    // 2 × 2 kernel, stride 2, no padding, on a 2 × 2 image: one column with the four pixels.
    float[] col2 = new float[4];
    ConvKernels.im2col(new float[] {1, 2, 3, 4}, 0, 1, 2, 2, 2, 2, 0, col2);
    assertThat(col2).containsExactly(1, 2, 3, 4);
  }

  @Test
  void conv2dMatchesTheDirectReferenceOverRandomShapes() {
    SplittableRandom r = new SplittableRandom(5);
    for (int trial = 0; trial < 30; trial++) {
      int c = 1 + r.nextInt(5);
      int h = 5 + r.nextInt(14);
      int w = 5 + r.nextInt(14);
      int k = 1 + 2 * r.nextInt(3);
      int stride = 1 + r.nextInt(3);
      int pad = r.nextInt(k / 2 + 1);
      int outC = 1 + r.nextInt(7);
      boolean bias = r.nextBoolean();
      int inOff = r.nextInt(5);
      float[] in = new float[inOff + c * h * w];
      for (int i = 0; i < in.length; i++) {
        in[i] = (float) r.nextGaussian();
      }
      float[] weight = new float[outC * c * k * k];
      for (int i = 0; i < weight.length; i++) {
        weight[i] = (float) r.nextGaussian();
      }
      float[] b = new float[outC];
      for (int i = 0; i < outC; i++) {
        b[i] = (float) r.nextGaussian();
      }
      int oh = ConvKernels.outputSize(h, k, stride, pad);
      int ow = ConvKernels.outputSize(w, k, stride, pad);
      int outOff = r.nextInt(3);
      float[] fast = new float[outOff + outC * oh * ow];
      float[] ref = new float[outOff + outC * oh * ow];
      ConvKernels.conv2d(in, inOff, c, h, w, weight, bias ? b : null, outC, k, stride, pad, fast, outOff,
          new float[ConvKernels.scratchSize(c, h, w, k, stride, pad)]);
      ReferenceKernels.conv2d(in, inOff, c, h, w, weight, bias ? b : null, outC, k, stride, pad, ref, outOff);
      for (int i = 0; i < fast.length; i++) {
        assertThat(fast[i]).as("trial %d element %d", trial, i).isCloseTo(ref[i], Offset.offset(1e-4f * (1 + Math.abs(ref[i]))));
      }
    }
  }

  @Test
  void aBatchInChannelMajorLayoutGivesEachImagesOwnConvolution() {
    SplittableRandom r = new SplittableRandom(8);
    for (int trial = 0; trial < 10; trial++) {
      int n = 1 + r.nextInt(5);
      int c = 1 + r.nextInt(4);
      int h = 5 + r.nextInt(9);
      int w = 5 + r.nextInt(9);
      int k = 1 + 2 * r.nextInt(3);
      int stride = 1 + r.nextInt(2);
      int pad = k / 2;
      int outC = 1 + r.nextInt(5);
      float[][] images = new float[n][c * h * w];
      float[] batch = new float[c * n * h * w];
      for (int b = 0; b < n; b++) {
        for (int i = 0; i < images[b].length; i++) {
          images[b][i] = (float) r.nextGaussian();
        }
        for (int ci = 0; ci < c; ci++) {
          System.arraycopy(images[b], ci * h * w, batch, (ci * n + b) * h * w, h * w);
        }
      }
      float[] weight = new float[outC * c * k * k];
      for (int i = 0; i < weight.length; i++) {
        weight[i] = (float) r.nextGaussian();
      }
      float[] bias = {0.5f, -1f, 0.25f, 2f, -0.5f};
      int oh = ConvKernels.outputSize(h, k, stride, pad);
      int ow = ConvKernels.outputSize(w, k, stride, pad);
      float[] out = new float[outC * n * oh * ow];
      ConvKernels.conv2d(batch, 0, c, n, h, w, weight, bias, outC, k, stride, pad, out, 0,
          new float[n * ConvKernels.scratchSize(c, h, w, k, stride, pad)]);
      for (int b = 0; b < n; b++) {
        float[] ref = new float[outC * oh * ow];
        ReferenceKernels.conv2d(images[b], 0, c, h, w, weight, bias, outC, k, stride, pad, ref, 0);
        for (int o = 0; o < outC; o++) {
          for (int p = 0; p < oh * ow; p++) {
            float expected = ref[o * oh * ow + p];
            assertThat(out[(o * n + b) * oh * ow + p]).as("trial %d image %d channel %d", trial, b, o)
                .isCloseTo(expected, Offset.offset(1e-4f * (1 + Math.abs(expected))));
          }
        }
      }
    }
  }
}
