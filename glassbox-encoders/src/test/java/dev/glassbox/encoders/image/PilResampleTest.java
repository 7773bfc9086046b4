package dev.glassbox.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PilResampleTest {
  @Test
  void bicubicKernelHasPilsValues() {
    assertThat(Interpolation.BICUBIC.weight(0)).isEqualTo(1.0);
    assertThat(Interpolation.BICUBIC.weight(1)).isEqualTo(0.0);
    assertThat(Interpolation.BICUBIC.weight(2)).isEqualTo(0.0);
    // a = -0.5: w(0.5) = 0.5625, w(1.5) = -0.0625
    assertThat(Interpolation.BICUBIC.weight(0.5)).isEqualTo(0.5625);
    assertThat(Interpolation.BICUBIC.weight(-1.5)).isEqualTo(-0.0625);
  }

  @Test
  void downscalingByTwoWidensTheKernelAsPilDoes() {
    // Output 0 is centred at 1.0; the triangle's support 1 scaled by 2 reaches source pixels 0..2 with
    // weights 0.75, 0.75, 0.25 (normalised by 1.75): (7.5 + 15 + 7.5) / 1.75 = 17.14 → 17.
    // Values from Pillow 9.4: Image.resize((2, 1), BILINEAR) → [17, 37], BICUBIC → [15, 39].
    byte[] row = {10, 20, 30, 50};
    assertThat(PilResample.resize8(row, 4, 1, 1, 2, 1, Interpolation.BILINEAR)).containsExactly(17, 37);
    assertThat(PilResample.resize8(row, 4, 1, 1, 2, 1, Interpolation.BICUBIC)).containsExactly(15, 39);
  }

  @Test
  void constantImagesStayConstantAtAnySize() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int t = 0; t < 20; t++) {
      int w = 1 + rnd.nextInt(60);
      int h = 1 + rnd.nextInt(60);
      int ow = 1 + rnd.nextInt(90);
      int oh = 1 + rnd.nextInt(90);
      byte v = (byte) rnd.nextInt(256);
      byte[] in = new byte[w * h * 3];
      java.util.Arrays.fill(in, v);
      byte[] out = PilResample.resize8(in, w, h, 3, ow, oh, Interpolation.BICUBIC);
      for (byte b : out) {
        assertThat(b).as("%d×%d → %d×%d", w, h, ow, oh).isEqualTo(v);
      }
    }
  }

  @Test
  void nearestNeighbourPicksTheSourcePixelUnderEachCentre() {
    byte[] row = {1, 2, 3};
    assertThat(PilResample.nearest8(row, 3, 1, 1, 6, 1)).containsExactly(1, 1, 2, 2, 3, 3);
    assertThat(PilResample.nearest8(new byte[] {1, 2, 3, 4, 5, 6}, 6, 1, 1, 3, 1)).containsExactly(2, 4, 6);
  }

  @Test
  void centreCropRoundsHalfToEvenAsTorchvision() {
    // 225 wide → crop 224: offset round(0.5) = 0; 227 wide: round(1.5) = 2.
    byte[] rgb = new byte[227 * 224 * 3];
    for (int x = 0; x < 227; x++) {
      for (int y = 0; y < 224; y++) {
        rgb[(y * 227 + x) * 3] = (byte) x;
      }
    }
    ClipPreprocessor pre = new ClipPreprocessor(PreprocessConfig.clip(224));
    byte[] out = pre.resizeCropRgb(DecodedImage.of(PilMode.RGB, 227, 224, rgb));
    assertThat(out[0] & 0xff).isEqualTo(2);
    byte[] rgb225 = java.util.Arrays.copyOf(rgb, 225 * 224 * 3);
    for (int y = 0; y < 224; y++) {
      for (int x = 0; x < 225; x++) {
        rgb225[(y * 225 + x) * 3] = (byte) x;
      }
    }
    assertThat(pre.resizeCropRgb(DecodedImage.of(PilMode.RGB, 225, 224, rgb225))[0] & 0xff).isZero();
  }

  @Test
  void normalisationIsTorchvisionsFloatArithmetic() {
    ClipPreprocessor pre = new ClipPreprocessor(PreprocessConfig.clip(1));
    float[] out = new float[3];
    pre.normalize(new byte[] {(byte) 255, 0, (byte) 128}, out, 0);
    assertThat(out[0]).isEqualTo((1f - 0.48145466f) / 0.26862954f);
    assertThat(out[1]).isEqualTo((0f - 0.4578275f) / 0.26130258f);
    assertThat(out[2]).isEqualTo((128 / 255f - 0.40821073f) / 0.27577711f);
  }

  @Test
  void squashResizesBothSidesWithoutCropping() {
    byte[] rgb = new byte[40 * 10 * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) ((i / 3) % 40 < 20 ? 0 : 200);
    }
    PreprocessConfig squash = new PreprocessConfig(8, ResizeMode.SQUASH, Interpolation.BICUBIC, PreprocessConfig.CLIP_MEAN,
        PreprocessConfig.CLIP_STD);
    byte[] out = new ClipPreprocessor(squash).resizeCropRgb(DecodedImage.of(PilMode.RGB, 40, 10, rgb));
    assertThat(out[0] & 0xff).isZero();
    assertThat(out[7 * 3] & 0xff).isEqualTo(200);
  }
}
