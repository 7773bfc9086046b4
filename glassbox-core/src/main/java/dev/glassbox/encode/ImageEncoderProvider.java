package dev.glassbox.encode;

import java.io.IOException;
import java.util.Optional;

/**
 * Finds the image encoder that produced a model's embeddings, from the encoder identity recorded in
 * the model's provenance. Implementations live in the modules that hold the encoders (the concept
 * world's image tower, …) and are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.glassbox.encode.ImageEncoderProvider}. This keeps the server and the
 * CLI free of compile-time dependencies on every encoder.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface ImageEncoderProvider {
  /** A short name for logs and error messages ("world"). */
  String name();

  /**
   * Opens the encoder with this identity, or returns empty when this provider does not know it.
   * A provider that knows the name but not the weights ({@code identity.sha256()} differs from its
   * own) throws an {@link IllegalArgumentException} naming both, rather than returning an encoder
   * whose embeddings the model was not trained on. The caller owns the result and closes it.
   *
   * @throws IOException when the encoder's weights cannot be read
   */
  Optional<ImageEncoder> open(EncoderIdentity identity) throws IOException;
}
