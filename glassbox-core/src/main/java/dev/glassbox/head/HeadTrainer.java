package dev.glassbox.head;

import dev.glassbox.progress.ProgressListener;

/**
 * Trains a head from concept activations. A trainer is configured and stateless: {@code fit}
 * never mutates the trainer or its inputs, and the same data give the same head.
 */
public interface HeadTrainer {
  /** A short name recorded in provenance. */
  String name();

  HeadFit fit(HeadData data, ProgressListener progress);
}
