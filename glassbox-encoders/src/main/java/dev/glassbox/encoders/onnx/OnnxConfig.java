package dev.glassbox.encoders.onnx;

/**
 * How ONNX Runtime runs an encoder's graph. Changes speed only, never results beyond floating-point
 * rounding.
 *
 * @param intraOpThreads threads one operator may use; 0 lets ONNX Runtime choose (one per physical
 *     core). Range {@code [0, 256]}; default 0
 * @param batchSize inputs per {@code session.run} call; larger batches amortise per-call overhead but
 *     hold more activations in memory. Range {@code [1, 4096]}; default 32
 */
public record OnnxConfig(int intraOpThreads, int batchSize) {
  public OnnxConfig {
    if (intraOpThreads < 0 || intraOpThreads > 256) {
      throw new IllegalArgumentException("intraOpThreads must be in [0, 256] (0 = ONNX Runtime's choice), got " + intraOpThreads);
    }
    if (batchSize < 1 || batchSize > 4096) {
      throw new IllegalArgumentException("batchSize must be in [1, 4096], got " + batchSize);
    }
  }

  public static OnnxConfig defaults() {
    return new OnnxConfig(0, 32);
  }

  public OnnxConfig withIntraOpThreads(int threads) {
    return new OnnxConfig(threads, batchSize);
  }

  public OnnxConfig withBatchSize(int size) {
    return new OnnxConfig(intraOpThreads, size);
  }
}
