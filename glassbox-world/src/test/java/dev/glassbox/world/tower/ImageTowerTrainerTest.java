package dev.glassbox.world.tower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.deep.align.AlignmentModel;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.io.Json;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An end-to-end run on a tiny world: the model directory, its metadata and its reloading. Needs libtorch. */
@Tag("heavy")
class ImageTowerTrainerTest {
  @TempDir
  Path tmp;

  static ImageTowerTrainingConfig tiny() {
    ImageTowerTrainingConfig d = ImageTowerTrainingConfig.defaults();
    WorldConfig w = WorldConfig.defaults().withSpecies(4).withImageSize(64);
    // Image size, worlds and network change together, so the record is built whole.
    return new ImageTowerTrainingConfig(w.withSeed(11).withImagesPerSpecies(16), w.withSeed(12).withImagesPerSpecies(4), 2, true,
        d.captionSeed(), d.alignment().withEpochs(2).withBatchSize(16),
        d.architecture().withInputSize(64).withStages(ConvNetSpec.strided(8, 16)), true);
  }

  @Test
  void writesAVerifiableModelDirectoryAndRefusesToOverwriteIt() throws Exception {
    Path out = tmp.resolve("tower");
    List<String> log = new ArrayList<>();
    ImageTowerTrainer.Result r = new ImageTowerTrainer(tiny()).train(out, false, tmp.resolve("cache"), "glassbox world train-encoder --test",
        null, log::add);
    assertThat(out.resolve("weights.safetensors")).exists();
    assertThat(out.resolve("architecture.json")).exists();
    assertThat(out.resolve("training.json")).exists();
    assertThat(log).anyMatch(l -> l.startsWith("epoch 2/2"));
    JsonNode meta = Json.read(out.resolve(ImageTowerTrainer.METADATA_FILE));
    assertThat(meta.path("weightsSha256").asText()).isEqualTo(AlignmentModel.sha256(out.resolve("weights.safetensors")))
        .isEqualTo(r.weightsSha256());
    assertThat(meta.path("weightsDtype").asText()).isEqualTo("F16");
    assertThat(meta.path("command").asText()).isEqualTo("glassbox world train-encoder --test");
    assertThat(meta.path("trainWorld").path("seed").asLong()).isEqualTo(11);
    assertThat(meta.path("data").path("trainImages").asInt()).isEqualTo(64);
    assertThat(meta.path("epochs").asInt()).isEqualTo(2);
    assertThat(meta.path("heldOut").path("perConcept")).isNotEmpty();
    assertThat(Files.readString(out.resolve(ImageTowerTrainer.README_FILE))).contains(r.weightsSha256()).contains("seed 11");
    // Caption embeddings were cached.
    try (var files = Files.list(tmp.resolve("cache"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".npy")).count()).isEqualTo(2);
    }
    // The directory loads as a world tower and embeds in plain Java.
    try (WorldImageEncoder enc = WorldImageEncoder.open(out)) {
      assertThat(enc.identity().sha256()).isEqualTo(r.weightsSha256());
      World w = World.generate(tiny().heldOutWorld());
      assertThat(enc.encode(List.of(w.render(0).image())).cols()).isEqualTo(384);
    }
    assertThatThrownBy(() -> new ImageTowerTrainer(tiny()).train(out, false, null, "", null, null))
        .hasMessageContaining("exists; choose another directory or replace it");
  }
}
