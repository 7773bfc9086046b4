package dev.glassbox.encoders.embed;

/**
 * How {@link ImageEmbeddingJob} embeds a collection of images.
 *
 * @param batchSize images per {@code session.run}, and the unit of resumption: batch {@code b} always
 *     holds items {@code [b·batchSize, (b+1)·batchSize)} less the ones that cannot be decoded, so an
 *     interrupted and resumed run gives the same bytes as an uninterrupted one. Range
 *     {@code [1, 4096]}; default 32 (as {@code OnnxConfig}'s default)
 * @param decodeThreads threads decoding and preprocessing images while inference runs on its own
 *     thread. Range {@code [1, 256]}; default: the number of available processors
 * @param prefetchBatches batches decoded ahead of inference; bounds memory at about
 *     {@code (prefetchBatches + 1) × batchSize × 3 × size² × 4} bytes plus one decoded image per
 *     decode thread. Range {@code [1, 64]}; default 2
 * @param valFraction share of each class for validation when the source gives no splits. Range
 *     {@code [0, 1)}; default 0.15 (as {@code glassbox synth})
 * @param testFraction share of each class for test when the source gives no splits. Range
 *     {@code [0, 1)}, with valFraction below 1; default 0.15
 * @param seed seed of the stratified split (see {@code Splits.stratified}); default 0
 */
public record EmbedImagesConfig(int batchSize, int decodeThreads, int prefetchBatches, double valFraction, double testFraction,
    long seed) {
  public EmbedImagesConfig {
    if (batchSize < 1 || batchSize > 4096) {
      throw new IllegalArgumentException("batch size must be in [1, 4096], got " + batchSize);
    }
    if (decodeThreads < 1 || decodeThreads > 256) {
      throw new IllegalArgumentException("decode threads must be in [1, 256], got " + decodeThreads);
    }
    if (prefetchBatches < 1 || prefetchBatches > 64) {
      throw new IllegalArgumentException("prefetch batches must be in [1, 64], got " + prefetchBatches);
    }
    if (!(valFraction >= 0 && valFraction < 1) || !(testFraction >= 0 && testFraction < 1) || valFraction + testFraction >= 1) {
      throw new IllegalArgumentException(
          "validation and test fractions must each be in [0, 1) and sum below 1, got " + valFraction + " and " + testFraction);
    }
  }

  public static EmbedImagesConfig defaults() {
    return new EmbedImagesConfig(32, Runtime.getRuntime().availableProcessors(), 2, 0.15, 0.15, 0);
  }

  public EmbedImagesConfig withBatchSize(int n) {
    return new EmbedImagesConfig(n, decodeThreads, prefetchBatches, valFraction, testFraction, seed);
  }

  public EmbedImagesConfig withDecodeThreads(int n) {
    return new EmbedImagesConfig(batchSize, n, prefetchBatches, valFraction, testFraction, seed);
  }

  public EmbedImagesConfig withPrefetchBatches(int n) {
    return new EmbedImagesConfig(batchSize, decodeThreads, n, valFraction, testFraction, seed);
  }

  public EmbedImagesConfig withFractions(double val, double test) {
    return new EmbedImagesConfig(batchSize, decodeThreads, prefetchBatches, val, test, seed);
  }

  public EmbedImagesConfig withSeed(long s) {
    return new EmbedImagesConfig(batchSize, decodeThreads, prefetchBatches, valFraction, testFraction, s);
  }
}
