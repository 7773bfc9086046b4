package dev.glassbox.cli;

import dev.glassbox.encode.TextEncoder;
import dev.glassbox.encoders.http.OpenAiEmbeddingClient;
import dev.glassbox.encoders.http.OpenAiEmbeddingConfig;
import dev.glassbox.encoders.http.OpenAiTextEncoder;
import dev.glassbox.encoders.onnx.ClipModelDirectory;
import dev.glassbox.encoders.onnx.MiniLmTextEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import java.nio.file.Path;

/** Opens the text encoder an {@code --encoder} value names: a CLIP model directory, {@code minilm}, or {@code openai:MODEL@URL}. */
final class TextEncoders {
  static final String HELP = "MODEL_DIR (a CLIP-family ONNX export), 'minilm' (the bundled all-MiniLM-L6-v2), or "
      + "'openai:MODEL@BASE_URL' (an OpenAI-compatible server: POST BASE_URL/v1/embeddings; key from $OPENAI_API_KEY or --api-key-env)";

  private TextEncoders() {}

  static TextEncoder open(String spec, OnnxConfig onnx, String apiKeyEnv) throws Exception {
    if (spec.equals("minilm")) {
      return MiniLmTextEncoder.load(onnx, MiniLmTextEncoder.DEFAULT_MAX_TOKENS);
    }
    if (spec.startsWith("openai:")) {
      OpenAiEmbeddingConfig cfg = OpenAiEmbeddingConfig.parse(spec.substring("openai:".length()));
      if (apiKeyEnv != null) {
        cfg = cfg.withApiKeyEnv(apiKeyEnv);
      }
      return new OpenAiTextEncoder(new OpenAiEmbeddingClient(cfg.withBatchSize(Math.min(cfg.batchSize(), onnx.batchSize()))));
    }
    return ClipModelDirectory.open(Path.of(spec)).openTextEncoder(onnx);
  }
}
