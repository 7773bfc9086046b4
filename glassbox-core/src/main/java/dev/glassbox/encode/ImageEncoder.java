package dev.glassbox.encode;

import dev.glassbox.math.FloatMatrix;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Maps decoded images into the shared embedding space. Implementations do their own
 * preprocessing (resize, crop, normalise) as their model requires.
 */
public interface ImageEncoder extends AutoCloseable {
  EncoderIdentity identity();

  default int dim() {
    return identity().dim();
  }

  /** {@code [images.size() × dim]} embeddings, in input order. */
  FloatMatrix encode(List<BufferedImage> images);

  @Override
  default void close() {}
}
