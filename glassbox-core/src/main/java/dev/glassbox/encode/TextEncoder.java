package dev.glassbox.encode;

import dev.glassbox.math.FloatMatrix;
import java.util.List;

/** Maps texts (concept phrases, class names, captions) into the shared embedding space. */
public interface TextEncoder extends AutoCloseable {
  EncoderIdentity identity();

  default int dim() {
    return identity().dim();
  }

  /** {@code [texts.size() × dim]} embeddings, in input order. */
  FloatMatrix encode(List<String> texts);

  @Override
  default void close() {}
}
