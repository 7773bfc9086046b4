package dev.glassbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.progress.ProgressListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldExportTest {
  @TempDir
  Path tmp;

  private World world;

  @BeforeEach
  void setUp() {
    world = World.generate(TestWorlds.small(2));
  }

  @Test
  void exportIsAnImageFolderDatasetWithGroundTruth() throws IOException {
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    for (Species s : world.species()) {
      assertThat(list(dir.resolve("images").resolve(s.slug()))).hasSize(world.config().imagesPerSpecies());
      assertThat(list(dir.resolve("masks").resolve(s.slug()))).hasSize(world.config().imagesPerSpecies());
    }
    assertThat(list(dir.resolve("images"))).hasSize(world.species().size());
    JsonNode gt = new ObjectMapper().readTree(dir.resolve("ground-truth.json").toFile());
    assertThat(gt.path("config").path("seed").asLong()).isEqualTo(2);
    assertThat(gt.path("concepts").size()).isEqualTo(world.worldConcepts().size());
    assertThat(gt.path("concepts").get(0).path("part").asText()).isEqualTo("all");
    assertThat(gt.path("species").size()).isEqualTo(4);
    assertThat(gt.path("species").get(0).path("attributes").path("crown_color").path("yellow").asDouble()).isEqualTo(0.95);
    JsonNode rec = gt.path("images").get(5);
    assertThat(rec.path("file").asText()).isEqualTo("images/" + world.imageId(5) + ".png");
    assertThat(rec.path("mask").asText()).isEqualTo("masks/" + world.imageId(5) + ".png");
    assertThat(rec.path("split").asText()).isIn("train", "val", "test");
    assertThat(rec.path("visiblePixels").path("wing").asInt()).isPositive();
    JsonNode guide = new ObjectMapper().readTree(dir.resolve("field-guide.json").toFile());
    assertThat(guide.path("sentences").size()).isEqualTo(world.fieldGuide().sentences().size());
    assertThat(guide.path("paraphrases").path("usedInCaptions").asBoolean(true)).isFalse();
  }

  @Test
  void readerReturnsTheSameImagesMasksAndRecords() throws IOException {
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    WorldExport ex = WorldReader.read(dir);
    assertThat(ex.config()).isEqualTo(world.config());
    assertThat(ex.speciesNames()).isEqualTo(world.speciesNames());
    assertThat(ex.items()).hasSize(world.size());
    for (int i = 0; i < world.size(); i += 5) {
      RenderedBird rb = world.render(i);
      BufferedImage img = ex.image(i);
      assertThat(img.getRGB(0, 0, 64, 64, null, 0, 64)).isEqualTo(rb.image().getRGB(0, 0, 64, 64, null, 0, 64));
      assertThat(ex.partMap(i)).isEqualTo(rb.partMap());
      WorldExport.Item it = ex.items().get(i);
      assertThat(it.id()).isEqualTo(rb.record().id());
      assertThat(it.concepts()).isEqualTo(rb.record().presentConcepts());
      assertThat(it.visiblePixels()).isEqualTo(rb.record().visiblePixels());
      assertThat(it.split()).isEqualTo(rb.record().split());
    }
  }

  @Test
  void readerRejectsAnExportWithoutManifest() throws IOException {
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    Files.delete(dir.resolve("manifest.json"));
    assertThatThrownBy(() -> WorldReader.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(dir.toString()).hasMessageContaining("manifest.json is missing").hasMessageContaining("generate the world again");
  }

  @Test
  void readerRejectsACorruptImageNamingIt() throws IOException {
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    Path img = dir.resolve("images").resolve(world.imageId(3) + ".png");
    byte[] b = Files.readAllBytes(img);
    b[b.length / 2] ^= 0x55;
    Files.write(img, b);
    assertThatThrownBy(() -> WorldReader.read(dir))
        .hasMessageContaining("images/" + world.imageId(3) + ".png does not match its SHA-256");
  }

  @Test
  void readerRejectsAMissingMask() throws IOException {
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    Files.delete(dir.resolve("masks").resolve(world.imageId(7) + ".png"));
    assertThatThrownBy(() -> WorldReader.read(dir)).hasMessageContaining("masks/" + world.imageId(7) + ".png is missing");
  }

  @Test
  void readerRejectsAnEditedGroundTruth() throws IOException {
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    Path gt = dir.resolve("ground-truth.json");
    Files.writeString(gt, Files.readString(gt).replaceFirst("\"split\" : \"train\"", "\"split\" : \"test\""));
    assertThatThrownBy(() -> WorldReader.read(dir)).hasMessageContaining("ground-truth.json does not match its SHA-256");
  }

  @Test
  void readerRejectsGroundTruthThatDisagreesWithTheRegeneratedWorldEvenWithMatchingChecksums() throws IOException {
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    Path gt = dir.resolve("ground-truth.json");
    String old = Files.readString(gt);
    int images = old.indexOf("\"images\" :");
    int at = old.indexOf("\"concepts\" : [ ", images) + "\"concepts\" : [ ".length();
    String edited = old.substring(0, at) + "66, " + old.substring(at);
    assertThat(edited).isNotEqualTo(old);
    Files.writeString(gt, edited);
    Path m = dir.resolve("manifest.json");
    Files.writeString(m, Files.readString(m).replace(dev.glassbox.util.Hashing.hex(dev.glassbox.util.Hashing.sha256().digest(old.getBytes(StandardCharsets.UTF_8))),
        dev.glassbox.util.Hashing.hex(dev.glassbox.util.Hashing.sha256().digest(edited.getBytes(StandardCharsets.UTF_8)))));
    assertThatThrownBy(() -> WorldReader.read(dir))
        .hasMessageContaining("does not match this Glassbox's world").hasMessageContaining("concepts of image " + world.imageId(0));
  }

  @Test
  void readerRejectsAnotherRendererVersion() throws IOException {
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    Path m = dir.resolve("manifest.json");
    Files.writeString(m, Files.readString(m).replace("\"rendererVersion\" : " + WorldExporter.RENDERER_VERSION, "\"rendererVersion\" : 0"));
    assertThatThrownBy(() -> WorldReader.read(dir)).hasMessageContaining("renderer version 0").hasMessageContaining("generate the world again");
  }

  @Test
  void readerRejectsAMissingFolder() {
    assertThatThrownBy(() -> WorldReader.read(tmp.resolve("nowhere"))).hasMessageContaining("nowhere").hasMessageContaining("does not exist");
  }

  @Test
  void exportRefusesAFolderThatHoldsFilesButCanReplaceIt() throws IOException {
    Path dir = tmp.resolve("world");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "mine", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WorldExporter.export(world, dir))
        .isInstanceOf(IOException.class).hasMessageContaining(dir.toString()).hasMessageContaining("already holds files");
    assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
    WorldExporter.export(world, dir, true, ProgressListener.NONE);
    assertThat(dir.resolve("notes.txt")).doesNotExist();
    assertThat(WorldReader.read(dir).items()).hasSize(world.size());
    assertThat(list(tmp)).containsExactly(dir);
  }

  @Test
  void exportIntoAnEmptyExistingFolderWorks() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    WorldExporter.export(world, dir);
    assertThat(WorldReader.read(dir).items()).hasSize(world.size());
  }

  @Test
  void unwritableOutputIsAClearErrorAndLeavesNothing() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Path dir = file.resolve("world");
    assertThatThrownBy(() -> WorldExporter.export(world, dir))
        .isInstanceOf(IOException.class).hasMessageContaining(dir.toString()).hasMessageContaining("a-file");
    assertThat(list(tmp)).containsExactly(file);
  }

  @Test
  void exportOntoAFileIsAClearError() throws IOException {
    Path file = Files.writeString(tmp.resolve("world"), "x");
    assertThatThrownBy(() -> WorldExporter.export(world, file)).hasMessageContaining("is a file, not a folder");
  }

  @Test
  void anInterruptedExportLeavesNoHalfWrittenFolder() throws IOException {
    Path dir = tmp.resolve("world");
    ProgressListener failing = (stage, done, total) -> {
      if (done >= 5) {
        throw new IllegalStateException("stopped by test");
      }
    };
    assertThatThrownBy(() -> WorldExporter.export(world, dir, false, failing))
        .isInstanceOf(IOException.class).hasMessageContaining("stopped by test").hasMessageContaining("nothing was written");
    assertThat(dir).doesNotExist();
    assertThat(list(tmp)).isEmpty();
  }

  @Test
  void aFailedReplaceKeepsTheOldExport() throws IOException {
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    World other = World.generate(TestWorlds.small(3));
    assertThatThrownBy(() -> WorldExporter.export(other, dir, true, (s, d, t) -> {
      throw new IllegalStateException("stopped by test");
    })).isInstanceOf(IOException.class);
    assertThat(WorldReader.read(dir).config().seed()).isEqualTo(2);
    assertThat(list(tmp)).containsExactly(dir);
  }

  @Test
  void partialExportsOfDeadProcessesAreCleanedUp() throws IOException {
    Path stale = Files.createDirectories(tmp.resolve(".world.partial-2147480000-1"));
    Files.writeString(stale.resolve("ground-truth.json"), "{");
    Path dir = tmp.resolve("world");
    WorldExporter.export(world, dir);
    assertThat(stale).doesNotExist();
    assertThat(list(tmp)).containsExactly(dir);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
