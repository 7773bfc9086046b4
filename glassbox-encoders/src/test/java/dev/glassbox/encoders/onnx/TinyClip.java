package dev.glassbox.encoders.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.encoders.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny CLIP fixture of make_fixtures.py, laid out as a model directory for tests. */
final class TinyClip {
  private TinyClip() {}

  static Path resource(String name) {
    try {
      return Path.of(TinyClip.class.getResource("/tiny-clip/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A model directory in {@code dir}: the committed glassbox-encoder.json with its files pointed (by
   * absolute path) at the committed towers and at the shared CLIP merges file, which is not copied.
   */
  static Path directory(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(resource("glassbox-encoder.json").toFile());
    config.put("image_file", resource("image.onnx").toAbsolutePath().toString());
    config.put("text_file", resource("text.onnx").toAbsolutePath().toString());
    config.put("tokenizer_file", SharedData.clipMerges().toAbsolutePath().toString());
    json.writeValue(dir.resolve("glassbox-encoder.json").toFile(), config);
    return dir;
  }

  static JsonNode index() throws IOException {
    try (InputStream in = TinyClip.class.getResourceAsStream("/tiny-clip/reference/index.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** A reference float32 file as {@code [rows × cols]}, rows L2-normalised in double when asked. */
  static float[][] matrix(String file, int rows, int cols, boolean normalize) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(resource("reference/" + file))).order(ByteOrder.LITTLE_ENDIAN);
    float[][] out = new float[rows][cols];
    for (int i = 0; i < rows; i++) {
      double ss = 0;
      for (int j = 0; j < cols; j++) {
        out[i][j] = b.getFloat();
        ss += (double) out[i][j] * out[i][j];
      }
      if (normalize) {
        double n = Math.sqrt(ss);
        for (int j = 0; j < cols; j++) {
          out[i][j] = (float) (out[i][j] / n);
        }
      }
    }
    return out;
  }
}
