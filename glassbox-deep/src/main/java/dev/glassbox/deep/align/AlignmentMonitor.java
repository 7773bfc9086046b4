package dev.glassbox.deep.align;

import dev.glassbox.math.FloatMatrix;
import java.util.Map;

/**
 * Watches an alignment run: adds the caller's own held-out metrics to each epoch's report (for
 * the concept world, zero-shot concept AUC) and receives each report as it is made.
 */
public interface AlignmentMonitor {
  AlignmentMonitor NONE = new AlignmentMonitor() {};

  /**
   * Extra metrics of the epoch, from the held-out images' embeddings.
   *
   * @param heldOutEmbeddings {@code [heldOutImages × textDim]}, L2-normalised, in held-out order
   */
  default Map<String, Double> metrics(int epoch, FloatMatrix heldOutEmbeddings) {
    return Map.of();
  }

  /** Called after each epoch with its report. */
  default void epochEnd(EpochReport report) {}

  /** Progress within an epoch: {@code done} of {@code total} steps. */
  default void step(int epoch, int done, int total, double loss) {}
}
