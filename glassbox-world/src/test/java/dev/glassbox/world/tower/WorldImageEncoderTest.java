package dev.glassbox.world.tower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.encoders.convnet.ConvNetImageEncoder;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.util.Hashing;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped image tower: its files, its identity and its behaviour through {@code ImageEncoder}. */
class WorldImageEncoderTest {
  @TempDir
  Path tmp;

  static byte[] resource(String file) throws Exception {
    try (InputStream in = WorldImageEncoder.class.getResourceAsStream(WorldImageEncoder.RESOURCE_DIR + file)) {
      assertThat(in).as(file).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void theShippedWeightsMatchTheSha256TheirMetadataRecords() throws Exception {
    byte[] weights = resource(ConvNetImageEncoder.WEIGHTS_FILE);
    String sha = Hashing.hex(Hashing.sha256().digest(weights));
    try (WorldImageEncoder enc = WorldImageEncoder.load()) {
      assertThat(enc.metadata().get("weightsSha256")).isEqualTo(sha);
      assertThat(enc.identity().sha256()).isEqualTo(sha);
      assertThat(enc.identity().name()).isEqualTo("glassbox-world-image-v1");
      assertThat(((Number) enc.metadata().get("weightsBytes")).longValue()).isEqualTo(weights.length);
    }
    assertThat(weights.length).isLessThan(5_000_000);
    assertThat(new String(resource(ImageTowerTrainer.README_FILE), java.nio.charset.StandardCharsets.UTF_8)).contains(sha);
  }

  @Test
  void theMetadataRecordsHowTheWeightsWereMade() {
    try (WorldImageEncoder enc = WorldImageEncoder.load()) {
      Map<String, Object> m = enc.metadata();
      assertThat((String) m.get("command")).startsWith("glassbox world train-encoder");
      assertThat(m).containsKeys("trainWorld", "heldOutWorld", "data", "alignment", "epochs", "heldOut", "trainingSeconds");
      @SuppressWarnings("unchecked")
      Map<String, Object> train = (Map<String, Object>) m.get("trainWorld");
      assertThat(((Number) train.get("seed")).longValue()).isNotEqualTo(WorldConfig.defaults().seed());
      // A renderer change alters the images the tower sees: regenerate the tower with it.
      assertThat(((Number) m.get("rendererVersion")).intValue()).as("renderer version the tower was trained on")
          .isEqualTo(dev.glassbox.world.WorldExporter.RENDERER_VERSION);
    }
  }

  @Test
  void embeddingsAre384dUnitLengthAndDeterministic() {
    World w = World.generate(WorldConfig.defaults().withSeed(77).withSpecies(3).withImagesPerSpecies(3));
    List<java.awt.image.BufferedImage> imgs = List.of(w.render(0).image(), w.render(4).image(), w.render(0).image());
    FloatMatrix a;
    try (WorldImageEncoder enc = WorldImageEncoder.load()) {
      assertThat(enc.dim()).isEqualTo(384);
      a = enc.encode(imgs);
    }
    FloatMatrix b;
    try (WorldImageEncoder enc = WorldImageEncoder.load()) {
      b = enc.encode(imgs);
    }
    assertThat(a.rows()).isEqualTo(3);
    assertThat(a.cols()).isEqualTo(384);
    assertThat(a.data()).containsExactly(b.data());
    double norm = 0;
    for (int j = 0; j < 384; j++) {
      norm += a.get(1, j) * a.get(1, j);
      // The same image elsewhere in the batch: BLAS may round a product's edge columns differently.
      assertThat(a.get(2, j)).isCloseTo(a.get(0, j), org.assertj.core.data.Offset.offset(1e-6f));
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void weightsThatDoNotMatchTheirMetadataAreRefused() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tower"));
    Files.write(dir.resolve(ConvNetImageEncoder.ARCHITECTURE_FILE), resource(ConvNetImageEncoder.ARCHITECTURE_FILE));
    Files.write(dir.resolve(ImageTowerTrainer.METADATA_FILE), resource(ImageTowerTrainer.METADATA_FILE));
    byte[] weights = resource(ConvNetImageEncoder.WEIGHTS_FILE);
    weights[weights.length - 1] ^= 1;
    Files.write(dir.resolve(ConvNetImageEncoder.WEIGHTS_FILE), weights);
    assertThatThrownBy(() -> WorldImageEncoder.open(dir))
        .hasMessageContaining("weights.safetensors has SHA-256 ")
        .hasMessageContaining("the weights are damaged or do not belong to this metadata");
    String newer = new String(resource(ImageTowerTrainer.METADATA_FILE), java.nio.charset.StandardCharsets.UTF_8)
        .replaceFirst("\"formatVersion\" : 1", "\"formatVersion\" : 2");
    Files.writeString(dir.resolve(ImageTowerTrainer.METADATA_FILE), newer);
    assertThatThrownBy(() -> WorldImageEncoder.open(dir))
        .hasMessageEndingWith("metadata.json has image-tower format version 2, newer than the 1 this Glassbox reads; upgrade Glassbox");
    Files.delete(dir.resolve(ImageTowerTrainer.METADATA_FILE));
    assertThatThrownBy(() -> WorldImageEncoder.open(dir)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("metadata.json: no such file; a world image-tower directory holds");
  }
}
