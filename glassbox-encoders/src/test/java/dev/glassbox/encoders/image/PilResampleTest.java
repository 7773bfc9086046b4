package dev.glassbox.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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

  @Test
  void windowedResizeGivesTheReferenceBytesForEveryWindowBandCountAndFilter() {
    // One workspace for every case, so reused buffers and cached coefficients are exercised too.
    ImageWorkspace ws = new ImageWorkspace();
    SplittableRandom rnd = new SplittableRandom(20240611);
    for (int t = 0; t < 300; t++) {
      int bands = 1 + rnd.nextInt(4);
      int w = 1 + rnd.nextInt(t % 3 == 0 ? 400 : 50);
      int h = 1 + rnd.nextInt(t % 3 == 0 ? 300 : 50);
      int ow = rnd.nextInt(4) == 0 ? w : 1 + rnd.nextInt(t % 3 == 0 ? 260 : 80);
      int oh = rnd.nextInt(4) == 0 ? h : 1 + rnd.nextInt(t % 3 == 0 ? 260 : 80);
      Interpolation filter = rnd.nextBoolean() ? Interpolation.BICUBIC : Interpolation.BILINEAR;
      byte[] in = new byte[w * h * bands];
      for (int i = 0; i < in.length; i++) {
        // Hard edges between noisy flat areas push the bicubic lobes past [0, 255].
        in[i] = (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(256) : (i / 7 % 2) * 255);
      }
      byte[] full = PilResample.resize8Reference(in, w, h, bands, ow, oh, filter);
      String what = String.format("%d×%d×%d → %d×%d %s", w, h, bands, ow, oh, filter);
      assertThat(PilResample.resize8(in, w, h, bands, ow, oh, filter)).as(what).isEqualTo(full);
      int cw = 1 + rnd.nextInt(ow);
      int ch = 1 + rnd.nextInt(oh);
      int left = rnd.nextInt(ow - cw + 1);
      int top = rnd.nextInt(oh - ch + 1);
      byte[] expected = new byte[cw * ch * bands];
      for (int y = 0; y < ch; y++) {
        System.arraycopy(full, ((top + y) * ow + left) * bands, expected, y * cw * bands, cw * bands);
      }
      byte[] window = new byte[cw * ch * bands];
      PilResample.resizeCrop8(in, w, h, bands, ow, oh, filter, left, top, cw, ch, ws, window);
      assertThat(window).as("%s, window %d×%d at (%d, %d)", what, cw, ch, left, top).isEqualTo(expected);
      byte[] scalar = new byte[cw * ch * bands];
      PilResample.resizeCrop8Scalar(in, w, h, bands, ow, oh, filter, left, top, cw, ch, ws, scalar);
      assertThat(scalar).as("scalar path, %s, window %d×%d at (%d, %d)", what, cw, ch, left, top).isEqualTo(expected);
    }
  }

  @Test
  void coefficientsAreReusedForTheSameSizesAndFilter() {
    ImageWorkspace ws = new ImageWorkspace();
    PilResample.Coefficients a = ws.coefficients(500, 298, Interpolation.BICUBIC);
    ws.coefficients(375, 224, Interpolation.BICUBIC);
    assertThat(ws.coefficients(500, 298, Interpolation.BICUBIC)).isSameAs(a);
    assertThat(ws.coefficients(500, 298, Interpolation.BILINEAR)).isNotSameAs(a);
    // Taps sum to one in fixed point, up to the rounding of each tap.
    for (int i = 0; i < a.outSize(); i++) {
      int sum = 0;
      for (int t = 0; t < a.count()[i]; t++) {
        sum += a.fixed()[i * a.ksize() + t];
      }
      assertThat(sum).isCloseTo(1 << 22, org.assertj.core.api.Assertions.within(a.count()[i]));
    }
  }

  @Test
  void normalisationTablesHoldTorchvisionsValueForEveryLevel() {
    ClipPreprocessor pre = new ClipPreprocessor(PreprocessConfig.clip(16));
    byte[] rgb = new byte[16 * 16 * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (i * 7 + i / 3);
    }
    float[] fast = new float[rgb.length];
    float[] reference = new float[rgb.length];
    for (int shift = 0; shift < 256; shift += 17) {
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] = (byte) (rgb[i] + shift);
      }
      pre.normalize(rgb, fast, 0);
      pre.normalizeReference(rgb, reference, 0);
      assertThat(fast).isEqualTo(reference);
    }
  }

  @Test
  void exifTransposeMovesEveryPixelWherePilPutsIt() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (PilMode mode : new PilMode[] {PilMode.L, PilMode.LA, PilMode.RGB, PilMode.RGBA, PilMode.I}) {
      int w = 5 + rnd.nextInt(9);
      int h = 3 + rnd.nextInt(9);
      int bands = mode.bands();
      DecodedImage im;
      if (mode == PilMode.I) {
        im = DecodedImage.ints(w, h, rnd.ints(w * h, -5, 70000).toArray());
      } else {
        byte[] s = new byte[w * h * bands];
        for (int i = 0; i < s.length; i++) {
          s[i] = (byte) rnd.nextInt(256);
        }
        im = DecodedImage.of(mode, w, h, s);
      }
      for (int orientation = 1; orientation <= 8; orientation++) {
        DecodedImage got = PilOps.exifTranspose(im, orientation, new ImageWorkspace());
        boolean swap = orientation >= 5;
        assertThat(got.width()).isEqualTo(swap ? h : w);
        assertThat(got.height()).isEqualTo(swap ? w : h);
        for (int y = 0; y < got.height(); y++) {
          for (int x = 0; x < got.width(); x++) {
            // ImageOps.exif_transpose's method per orientation, written out pixel by pixel.
            int[] s = switch (orientation) {
              case 1 -> new int[] {x, y};
              case 2 -> new int[] {w - 1 - x, y};
              case 3 -> new int[] {w - 1 - x, h - 1 - y};
              case 4 -> new int[] {x, h - 1 - y};
              case 5 -> new int[] {y, x};
              case 6 -> new int[] {y, h - 1 - x};
              case 7 -> new int[] {w - 1 - y, h - 1 - x};
              default -> new int[] {w - 1 - y, x};
            };
            int o = y * got.width() + x;
            int src = s[1] * w + s[0];
            if (mode == PilMode.I) {
              assertThat(got.intSamples()[o]).isEqualTo(im.intSamples()[src]);
            } else {
              assertThat(Arrays.copyOfRange(got.samples(), o * bands, (o + 1) * bands))
                  .as("%s orientation %d at (%d, %d)", mode, orientation, x, y)
                  .isEqualTo(Arrays.copyOfRange(im.samples(), src * bands, (src + 1) * bands));
            }
          }
        }
      }
    }
  }
}
