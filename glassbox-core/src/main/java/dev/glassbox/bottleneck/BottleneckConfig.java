package dev.glassbox.bottleneck;

import java.util.Objects;

/**
 * How to build a projection bottleneck from concept embeddings.
 *
 * @param scoring the score of an image against a concept. Default {@link Scoring#COSINE}, the CLIP
 *     image–text similarity that Label-free CBM scores concepts with
 * @param standardize whether to standardise each concept's activations with the training split's
 *     mean and std (Label-free CBM's {@code proj_mean}/{@code proj_std}). Default true: the
 *     elastic-net head assumes standardised inputs, as GLM-SAGA does
 */
public record BottleneckConfig(Scoring scoring, boolean standardize) {
  public BottleneckConfig {
    Objects.requireNonNull(scoring, "scoring");
  }

  public static BottleneckConfig defaults() {
    return new BottleneckConfig(Scoring.COSINE, true);
  }

  public BottleneckConfig withScoring(Scoring s) {
    return new BottleneckConfig(s, standardize);
  }

  public BottleneckConfig withStandardize(boolean s) {
    return new BottleneckConfig(scoring, s);
  }
}
