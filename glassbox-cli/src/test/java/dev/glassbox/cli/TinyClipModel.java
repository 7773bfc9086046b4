package dev.glassbox.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.encoders.SharedData;
import dev.glassbox.encoders.TestResources;
import dev.glassbox.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The encoders module's tiny CLIP fixture as model directories for CLI tests. */
final class TinyClipModel {
  private TinyClipModel() {}

  /** The committed fixture directory: image tower and config only (its tokenizer lives in shared/). */
  static Path imageOnly() {
    return TestResources.path("tiny-clip");
  }

  /** A complete model directory in {@code dir}, its config pointing at the fixture towers and the shared CLIP merges file. */
  static Path complete(Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectNode config = (ObjectNode) Json.read(TestResources.path("tiny-clip/glassbox-encoder.json"));
    config.put("image_file", TestResources.path("tiny-clip/image.onnx").toAbsolutePath().toString());
    config.put("text_file", TestResources.path("tiny-clip/text.onnx").toAbsolutePath().toString());
    config.put("tokenizer_file", SharedData.clipMerges().toAbsolutePath().toString());
    Files.write(dir.resolve("glassbox-encoder.json"), Json.bytes(config));
    return dir;
  }
}
