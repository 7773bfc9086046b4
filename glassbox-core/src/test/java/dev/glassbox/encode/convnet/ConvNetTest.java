package dev.glassbox.encode.convnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Tensor;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ConvNetTest {
  /** One 1 × 1 stage with 2 channels, then a 2 → 2 projection. */
  static ConvNetSpec tiny() {
    return new ConvNetSpec(16, new float[] {0, 0, 0}, new float[] {1, 1, 1}, List.of(new ConvNetSpec.Stage(2, 1, 1)), 2);
  }

  static Map<String, Tensor> random(ConvNetSpec spec, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Tensor> w = new LinkedHashMap<>();
    spec.tensorShapes().forEach((name, shape) -> {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) (r.nextGaussian() * 0.3);
      }
      w.put(name, new Tensor(shape, v));
    });
    return w;
  }

  @Test
  void aHandBuiltNetworkGivesTheHandComputedEmbedding() {
    // Stage: channel 0 = R − B, channel 1 = −R (then ReLU); on a uniform image R = 1, G = 0, B = 0.25
    // the pooled features are (0.75, 0). Projection: identity plus bias (0, 1) → (0.75, 1) → unit (0.6, 0.8).
    Map<String, Tensor> w = new LinkedHashMap<>();
    w.put("stages.0.weight", new Tensor(new int[] {2, 3, 1, 1}, new float[] {1, 0, -1, -1, 0, 0}));
    w.put("stages.0.bias", new Tensor(new int[] {2}, new float[] {0, 0}));
    w.put("projection.weight", new Tensor(new int[] {2, 2}, new float[] {1, 0, 0, 1}));
    w.put("projection.bias", new Tensor(new int[] {2}, new float[] {0, 1}));
    ConvNet net = new ConvNet(tiny(), w, "hand");
    int plane = 16 * 16;
    float[] input = new float[3 * plane];
    for (int p = 0; p < plane; p++) {
      input[p] = 1f;
      input[2 * plane + p] = 0.25f;
    }
    FloatMatrix e = net.forward(input, 1);
    assertThat(e.get(0, 0)).isCloseTo(0.6f, Offset.offset(1e-6f));
    assertThat(e.get(0, 1)).isCloseTo(0.8f, Offset.offset(1e-6f));
  }

  @Test
  void imagesArePlanarRgbNormalisedByMeanAndStd() {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 2, 0xFF8000);
    byte[] planes = ConvNet.rgbPlanes(img, 16);
    int p = 2 * 16 + 3;
    assertThat(planes[p] & 0xFF).isEqualTo(255);
    assertThat(planes[256 + p] & 0xFF).isEqualTo(128);
    assertThat(planes[512 + p] & 0xFF).isEqualTo(0);
    ConvNetSpec spec = new ConvNetSpec(16, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.25f, 0.5f},
        List.of(new ConvNetSpec.Stage(2, 1, 1)), 2);
    float[] out = new float[3 * 256];
    ConvNet.normalize(planes, 0, spec, out, 0);
    assertThat(out[p]).isCloseTo(1f, Offset.offset(1e-6f));
    assertThat(out[256 + p]).isCloseTo((128 / 255f - 0.5f) / 0.25f, Offset.offset(1e-6f));
    assertThat(out[512 + p]).isCloseTo(-1f, Offset.offset(1e-6f));
    assertThatThrownBy(() -> ConvNet.rgbPlanes(new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB), 16))
        .hasMessage("the image is 20 × 16 but the network takes 16 × 16; resize it first");
  }

  @Test
  void embeddingsAreUnitLengthAndTheSameForTheSameImage() {
    ConvNetSpec spec = new ConvNetSpec(24, new float[] {0.4f, 0.4f, 0.4f}, new float[] {0.3f, 0.3f, 0.3f},
        List.of(new ConvNetSpec.Stage(4, 3, 2), new ConvNetSpec.Stage(6, 3, 2)), 5);
    ConvNet net = new ConvNet(spec, random(spec, 3), "random");
    SplittableRandom r = new SplittableRandom(4);
    BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 24; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    FloatMatrix e = net.encode(List.of(img, img));
    double norm = 0;
    for (int j = 0; j < 5; j++) {
      norm += e.get(0, j) * e.get(0, j);
      assertThat(e.get(1, j)).isCloseTo(e.get(0, j), Offset.offset(1e-6f));
    }
    assertThat(norm).isCloseTo(1.0, Offset.offset(1e-5));
  }

  @Test
  void weightsThatDoNotFitTheArchitectureAreRefusedByName() {
    ConvNetSpec spec = tiny();
    Map<String, Tensor> missing = new LinkedHashMap<>(random(spec, 1));
    missing.remove("projection.bias");
    assertThatThrownBy(() -> new ConvNet(spec, missing, "w.safetensors"))
        .hasMessage("w.safetensors has no tensor 'projection.bias' of shape [2] that the architecture needs; "
            + "are the weights and the architecture JSON from the same model?");
    Map<String, Tensor> wrongShape = new LinkedHashMap<>(random(spec, 1));
    wrongShape.put("stages.0.weight", new Tensor(new int[] {2, 3, 3, 3}, new float[54]));
    assertThatThrownBy(() -> new ConvNet(spec, wrongShape, "w.safetensors"))
        .hasMessage("w.safetensors: tensor 'stages.0.weight' has shape [2, 3, 3, 3] but the architecture needs [2, 3, 1, 1]; "
            + "are the weights and the architecture JSON from the same model?");
    Map<String, Tensor> extra = new LinkedHashMap<>(random(spec, 1));
    extra.put("stages.1.weight", new Tensor(new int[] {1}, new float[1]));
    assertThatThrownBy(() -> new ConvNet(spec, extra, "w.safetensors"))
        .hasMessageStartingWith("w.safetensors holds a tensor 'stages.1.weight' that the architecture does not have");
    Map<String, Tensor> nan = new LinkedHashMap<>(random(spec, 1));
    nan.put("projection.bias", new Tensor(new int[] {2}, new float[] {0, Float.NaN}));
    assertThatThrownBy(() -> new ConvNet(spec, nan, "w.safetensors"))
        .hasMessage("w.safetensors: tensor 'projection.bias' holds a non-finite value NaN");
  }
}
