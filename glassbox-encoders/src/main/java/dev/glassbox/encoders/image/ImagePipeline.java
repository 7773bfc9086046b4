package dev.glassbox.encoders.image;

import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * File → preprocessed tensor: {@link ImageDecoder} then {@link ClipPreprocessor}. Thread-safe and
 * allocation-bounded per call, so an embedding job can decode and preprocess on several threads
 * while another runs inference.
 *
 * <p>Threads that load many images pass their own {@link ImageWorkspace}: the decoded samples,
 * resampling intermediates and filter coefficients are then reused from image to image instead
 * of being allocated for each (a 500 × 375 photo needs about 2 MB of such memory).
 */
public final class ImagePipeline {
  private final ImageDecoder decoder;
  private final ClipPreprocessor preprocessor;

  public ImagePipeline(ImageDecoder decoder, ClipPreprocessor preprocessor) {
    this.decoder = decoder;
    this.preprocessor = preprocessor;
  }

  public ImageDecoder decoder() {
    return decoder;
  }

  public ClipPreprocessor preprocessor() {
    return preprocessor;
  }

  /** The image's {@code [3 × size × size]} input tensor. */
  public float[] load(Path file) throws ImageDecodeException {
    float[] out = new float[preprocessor.tensorLength()];
    load(file, new ImageWorkspace(), out, 0);
    return out;
  }

  /** Decodes and preprocesses into {@code out[offset ..]}. */
  public void load(Path file, float[] out, int offset) throws ImageDecodeException {
    load(file, new ImageWorkspace(), out, offset);
  }

  /**
   * Decodes and preprocesses into {@code out[offset .. offset + 3·size²)} with the buffers of
   * {@code ws}, which must not be used by another thread meanwhile.
   */
  public void load(Path file, ImageWorkspace ws, float[] out, int offset) throws ImageDecodeException {
    preprocessor.tensor(decoder.decode(file, ws), ws, out, offset);
  }

  /**
   * Decodes and preprocesses into {@code out} at float index {@code offset}: a direct buffer that
   * ONNX Runtime reads without a copy, filled with one bulk copy from the workspace's tensor.
   */
  public void load(Path file, ImageWorkspace ws, FloatBuffer out, int offset) throws ImageDecodeException {
    int len = preprocessor.tensorLength();
    float[] tensor = ws.tensor(len);
    load(file, ws, tensor, 0);
    out.put(offset, tensor, 0, len);
  }
}
