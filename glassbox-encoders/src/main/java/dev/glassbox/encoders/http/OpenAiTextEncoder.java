package dev.glassbox.encoders.http;

import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.math.FloatMatrix;
import java.util.List;

/**
 * A text encoder served over HTTP by an OpenAI-compatible embeddings endpoint (see
 * {@link OpenAiEmbeddingClient}). The texts are sent as they are. The weights are unknown, so the
 * identity's SHA-256 is empty; its dimension is learned from the server, by embedding the text
 * {@code "dimension probe"} when {@link #identity()} is asked before any {@link #encode}.
 */
public final class OpenAiTextEncoder implements TextEncoder {
  private final OpenAiEmbeddingClient client;

  public OpenAiTextEncoder(OpenAiEmbeddingClient client) {
    this.client = client;
  }

  public OpenAiEmbeddingClient client() {
    return client;
  }

  @Override
  public EncoderIdentity identity() {
    if (client.knownDim() < 0) {
      client.embed(List.of("dimension probe"));
    }
    return new EncoderIdentity(client.config().encoderName(), "", client.knownDim());
  }

  @Override
  public FloatMatrix encode(List<String> texts) {
    return client.embed(texts);
  }
}
