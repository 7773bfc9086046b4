package dev.glassbox.encoders.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.encoders.SharedData;
import dev.glassbox.encoders.image.Interpolation;
import dev.glassbox.encoders.image.ResizeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipModelDirectoryTest {

  private static Path fullDirectory(Path dir) throws IOException {
    Files.copy(TinyClip.resource("image.onnx"), dir.resolve("image.onnx"));
    Files.copy(TinyClip.resource("text.onnx"), dir.resolve("text.onnx"));
    Files.copy(TinyClip.resource("glassbox-encoder.json"), dir.resolve("glassbox-encoder.json"));
    Files.createSymbolicLink(dir.resolve("bpe_simple_vocab_16e6.txt.gz"), SharedData.clipMerges());
    return dir;
  }

  private static void writeConfig(Path dir, String json) throws IOException {
    Files.writeString(dir.resolve("glassbox-encoder.json"), json);
  }

  @Test
  void opensTheCommittedLayoutWithRelativeFileNames(@TempDir Path dir) throws IOException {
    ClipModelDirectory model = ClipModelDirectory.open(fullDirectory(dir));
    try (OnnxClipTextEncoder text = model.openTextEncoder(OnnxConfig.defaults().withIntraOpThreads(1))) {
      assertThat(text.encode(java.util.List.of("a photo of a cat")).cols()).isEqualTo(24);
    }
    Files.delete(dir.resolve("bpe_simple_vocab_16e6.txt.gz"));
  }

  @Test
  void namesAMissingDirectory(@TempDir Path dir) {
    assertThatThrownBy(() -> ClipModelDirectory.open(dir.resolve("nope")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("does not exist");
  }

  @Test
  void namesAMissingConfigFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ClipModelDirectory.open(dir))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("glassbox-encoder.json");
  }

  @Test
  void namesAMissingTower(@TempDir Path dir) throws IOException {
    fullDirectory(dir);
    Files.delete(dir.resolve("image.onnx"));
    ClipModelDirectory model = ClipModelDirectory.open(dir);
    assertThatThrownBy(() -> model.openImageEncoder(OnnxConfig.defaults()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("image.onnx")
        .hasMessageContaining("image tower (image_file)");
    Files.delete(dir.resolve("bpe_simple_vocab_16e6.txt.gz"));
  }

  @Test
  void namesAMissingTokenizer(@TempDir Path dir) throws IOException {
    fullDirectory(dir);
    Files.delete(dir.resolve("bpe_simple_vocab_16e6.txt.gz"));
    ClipModelDirectory model = ClipModelDirectory.open(dir);
    assertThatThrownBy(() -> model.openTextEncoder(OnnxConfig.defaults()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("bpe_simple_vocab_16e6.txt.gz")
        .hasMessageContaining("tokenizer");
  }

  @Test
  void opensTheImageTowerWithoutTheTextTowerOrTokenizer(@TempDir Path dir) throws IOException {
    Files.copy(TinyClip.resource("image.onnx"), dir.resolve("image.onnx"));
    Files.copy(TinyClip.resource("glassbox-encoder.json"), dir.resolve("glassbox-encoder.json"));
    ClipModelDirectory model = ClipModelDirectory.open(dir);
    try (OnnxClipImageEncoder image = model.openImageEncoder(OnnxConfig.defaults().withIntraOpThreads(1))) {
      assertThat(image.dim()).isEqualTo(24);
    }
    assertThatThrownBy(() -> model.openTextEncoder(OnnxConfig.defaults()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("text tower (text_file)");
  }

  @Test
  void rejectsATowerThatIsNotOnnx(@TempDir Path dir) throws IOException {
    fullDirectory(dir);
    Files.writeString(dir.resolve("image.onnx"), "not a graph");
    ClipModelDirectory model = ClipModelDirectory.open(dir);
    assertThatThrownBy(() -> model.openImageEncoder(OnnxConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image.onnx is not an ONNX graph");
    Files.delete(dir.resolve("bpe_simple_vocab_16e6.txt.gz"));
  }

  @Test
  void rejectsAnImageSizeThatDisagreesWithTheGraph(@TempDir Path dir) throws IOException {
    fullDirectory(dir);
    String json = Files.readString(dir.resolve("glassbox-encoder.json")).replace("\"image_size\": 224", "\"image_size\": 256");
    writeConfig(dir, json);
    ClipModelDirectory model = ClipModelDirectory.open(dir);
    assertThatThrownBy(() -> model.openImageEncoder(OnnxConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes 224 × 224 images but the config's image_size is 256");
    Files.delete(dir.resolve("bpe_simple_vocab_16e6.txt.gz"));
  }

  @Test
  void rejectsAConfiguredOutputTheGraphDoesNotHave(@TempDir Path dir) throws IOException {
    fullDirectory(dir);
    String json = Files.readString(dir.resolve("glassbox-encoder.json")).replace("\"normalize\": true", "\"normalize\": true, \"text_output\": \"pooled\"");
    writeConfig(dir, json);
    ClipModelDirectory model = ClipModelDirectory.open(dir);
    assertThatThrownBy(() -> model.openTextEncoder(OnnxConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no output named 'pooled'")
        .hasMessageContaining("text_embeds");
    Files.delete(dir.resolve("bpe_simple_vocab_16e6.txt.gz"));
  }

  @Test
  void configReportsBadValuesByKey(@TempDir Path dir) throws IOException {
    writeConfig(dir, "{\"name\": \"m\"}");
    assertThatThrownBy(() -> ClipModelConfig.read(dir.resolve("glassbox-encoder.json")))
        .hasMessageContaining("\"image_size\" is required");
    writeConfig(dir, "{\"name\": \"m\", \"image_size\": 224, \"resize_mode\": \"stretch\"}");
    assertThatThrownBy(() -> ClipModelConfig.read(dir.resolve("glassbox-encoder.json")))
        .hasMessageContaining("\"resize_mode\" must be");
    writeConfig(dir, "{\"name\": \"m\", \"image_size\": 224, \"mean\": [1, 2]}");
    assertThatThrownBy(() -> ClipModelConfig.read(dir.resolve("glassbox-encoder.json")))
        .hasMessageContaining("\"mean\" must be an array of 3 numbers");
    writeConfig(dir, "{\"name\": \"m\", \"image_size\": 224, \"std\": [0.1, 0, 0.1]}");
    assertThatThrownBy(() -> ClipModelConfig.read(dir.resolve("glassbox-encoder.json")))
        .hasMessageContaining("std values must be positive");
    writeConfig(dir, "{\"name\": \"m\", \"image_size\": 224, \"imagesize\": 3}");
    assertThatThrownBy(() -> ClipModelConfig.read(dir.resolve("glassbox-encoder.json")))
        .hasMessageContaining("unknown key \"imagesize\"");
    writeConfig(dir, "{\"name\": \"m\", \"image_size\": 224, \"version\": 2}");
    assertThatThrownBy(() -> ClipModelConfig.read(dir.resolve("glassbox-encoder.json")))
        .hasMessageContaining("format version 2")
        .hasMessageContaining("upgrade Glassbox");
    writeConfig(dir, "{not json");
    assertThatThrownBy(() -> ClipModelConfig.read(dir.resolve("glassbox-encoder.json")))
        .hasMessageContaining("is not valid JSON");
  }

  @Test
  void configDefaultsFollowOpenAiClip(@TempDir Path dir) throws IOException {
    writeConfig(dir, "{\"name\": \"m\", \"image_size\": 336}");
    ClipModelConfig c = ClipModelConfig.read(dir.resolve("glassbox-encoder.json"));
    assertThat(c.preprocess().resizeMode()).isEqualTo(ResizeMode.SHORTEST_EDGE_CENTER_CROP);
    assertThat(c.preprocess().interpolation()).isEqualTo(Interpolation.BICUBIC);
    assertThat(c.tokenizerKind()).isEqualTo("hf_json");
    assertThat(c.tokenizerFile()).isEqualTo("tokenizer.json");
    assertThat(c.padTokenId()).isNull();
    assertThat(c.contextLength()).isEqualTo(77);
    assertThat(c.logitScale()).isEqualTo(100.0);
    assertThat(c.normalize()).isTrue();
    writeConfig(dir, "{\"name\": \"m\", \"image_size\": 224, \"tokenizer_file\": \"bpe_simple_vocab_16e6.txt.gz\"}");
    ClipModelConfig bpe = ClipModelConfig.read(dir.resolve("glassbox-encoder.json"));
    assertThat(bpe.tokenizerKind()).isEqualTo("clip_bpe");
    assertThat(bpe.padTokenId()).isZero();
  }
}
