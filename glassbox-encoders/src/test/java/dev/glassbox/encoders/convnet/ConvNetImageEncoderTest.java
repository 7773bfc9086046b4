package dev.glassbox.encoders.convnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.encode.convnet.ConvNet;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.io.Json;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.io.Safetensors;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Tensor;
import dev.glassbox.util.Hashing;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvNetImageEncoderTest {
  @TempDir
  Path tmp;

  static final ConvNetSpec SPEC = new ConvNetSpec(32, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f},
      ConvNetSpec.strided(4, 8, 8), 6);

  static Map<String, Tensor> weights(ConvNetSpec spec, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Tensor> w = new LinkedHashMap<>();
    spec.tensorShapes().forEach((name, shape) -> {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) (r.nextGaussian() * 0.4);
      }
      w.put(name, new Tensor(shape, v));
    });
    return w;
  }

  Path write(ConvNetSpec spec, Map<String, Tensor> w, NpyDtype dtype) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tower-" + dtype));
    Files.write(dir.resolve(ConvNetImageEncoder.ARCHITECTURE_FILE), Json.bytes(spec.toJson()));
    Safetensors.write(dir.resolve(ConvNetImageEncoder.WEIGHTS_FILE), w, Map.of("format", ConvNetSpec.FORMAT), dtype);
    return dir;
  }

  static BufferedImage noise(int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  @Test
  void embedsDeterministicallyAtTheSpecsDimensionWithTheWeightsSha() throws Exception {
    Map<String, Tensor> w = weights(SPEC, 1);
    Path dir = write(SPEC, w, NpyDtype.FLOAT32);
    try (ConvNetImageEncoder enc = ConvNetImageEncoder.open(dir, "tiny-tower")) {
      assertThat(enc.dim()).isEqualTo(6);
      assertThat(enc.identity().name()).isEqualTo("tiny-tower");
      assertThat(enc.identity().sha256())
          .isEqualTo(Hashing.hex(Hashing.sha256().digest(Files.readAllBytes(dir.resolve(ConvNetImageEncoder.WEIGHTS_FILE)))));
      List<BufferedImage> imgs = List.of(noise(32, 32, 1), noise(32, 32, 2), noise(32, 32, 1));
      FloatMatrix a = enc.encode(imgs);
      FloatMatrix b = enc.encode(imgs);
      assertThat(a.data()).containsExactly(b.data());
      for (int j = 0; j < 6; j++) {
        assertThat(a.get(2, j)).isCloseTo(a.get(0, j), Offset.offset(1e-6f));
      }
      // The same as the network run directly on the normalised planes.
      FloatMatrix direct = new ConvNet(SPEC, w, "w").encode(imgs);
      assertThat(a.data()).containsExactly(direct.data());
    }
  }

  @Test
  void float16WeightsGiveNearlyTheSameEmbeddings() throws Exception {
    Map<String, Tensor> w = weights(SPEC, 2);
    List<BufferedImage> imgs = List.of(noise(32, 32, 5), noise(32, 32, 6));
    FloatMatrix full;
    try (ConvNetImageEncoder enc = ConvNetImageEncoder.open(write(SPEC, w, NpyDtype.FLOAT32), "t")) {
      full = enc.encode(imgs);
    }
    try (ConvNetImageEncoder enc = ConvNetImageEncoder.open(write(SPEC, w, NpyDtype.FLOAT16), "t")) {
      FloatMatrix half = enc.encode(imgs);
      for (int i = 0; i < full.data().length; i++) {
        assertThat(half.data()[i]).isCloseTo(full.data()[i], Offset.offset(1e-2f));
      }
    }
  }

  @Test
  void otherImageSizesAreResizedAndCentreCropped() throws Exception {
    try (ConvNetImageEncoder enc = ConvNetImageEncoder.open(write(SPEC, weights(SPEC, 3), NpyDtype.FLOAT32), "t")) {
      FloatMatrix e = enc.encode(List.of(noise(64, 48, 9)));
      assertThat(e.rows()).isEqualTo(1);
      double norm = 0;
      for (float v : e.data()) {
        norm += v * v;
      }
      assertThat(norm).isCloseTo(1.0, Offset.offset(1e-5));
      assertThat(enc.input(noise(64, 48, 9))).hasSize(3 * 32 * 32);
    }
  }

  @Test
  void aMissingWeightsFileIsNamed() throws Exception {
    Path dir = write(SPEC, weights(SPEC, 1), NpyDtype.FLOAT32);
    Files.delete(dir.resolve(ConvNetImageEncoder.WEIGHTS_FILE));
    assertThatThrownBy(() -> ConvNetImageEncoder.open(dir, "t"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(dir.resolve("weights.safetensors").toString())
        .hasMessageContaining("no such file; an image-tower directory holds architecture.json and weights.safetensors");
    assertThatThrownBy(() -> ConvNetImageEncoder.open(tmp.resolve("nowhere"), "t"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("is not a directory holding architecture.json and weights.safetensors");
  }

  @Test
  void anArchitectureThatDoesNotMatchTheWeightsIsRefused() throws Exception {
    Path dir = write(SPEC, weights(SPEC, 1), NpyDtype.FLOAT32);
    ConvNetSpec wider = SPEC.withStages(ConvNetSpec.strided(4, 16, 8));
    Files.write(dir.resolve(ConvNetImageEncoder.ARCHITECTURE_FILE), Json.bytes(wider.toJson()));
    assertThatThrownBy(() -> ConvNetImageEncoder.open(dir, "t"))
        .hasMessageContaining("weights.safetensors: tensor 'stages.1.weight' has shape [8, 4, 3, 3] but the architecture needs [16, 4, 3, 3]");
  }

  @Test
  void aBrokenOrForeignArchitectureJsonIsRefusedByName() throws Exception {
    Path dir = write(SPEC, weights(SPEC, 1), NpyDtype.FLOAT32);
    Path arch = dir.resolve(ConvNetImageEncoder.ARCHITECTURE_FILE);
    Files.write(arch, "{\"format\": \"glassbox-convnet\", ".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ConvNetImageEncoder.open(dir, "t")).hasMessageStartingWith(arch + " is not valid JSON");
    Files.write(arch, "{\"model_type\": \"clip\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ConvNetImageEncoder.open(dir, "t"))
        .hasMessage(arch + " is not a Glassbox convnet architecture: its \"format\" is missing, expected \"glassbox-convnet\"");
    Files.write(arch, "[1, 2]".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ConvNetImageEncoder.open(dir, "t"))
        .hasMessage(arch + " is not a JSON object; expected a Glassbox convnet architecture");
  }

  @Test
  void weightsOfAnotherFormatAreRefused() throws Exception {
    Path dir = write(SPEC, weights(SPEC, 1), NpyDtype.FLOAT32);
    Safetensors.write(dir.resolve(ConvNetImageEncoder.WEIGHTS_FILE), weights(SPEC, 1), Map.of("format", "pt"));
    assertThatThrownBy(() -> ConvNetImageEncoder.open(dir, "t"))
        .hasMessageEndingWith("weights.safetensors holds weights of format 'pt', not a Glassbox convnet (glassbox-convnet)");
  }
}
