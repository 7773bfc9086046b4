package dev.glassbox.encoders.image;

import java.nio.file.Path;

/**
 * File → preprocessed tensor: {@link ImageDecoder} then {@link ClipPreprocessor}. Thread-safe and
 * allocation-bounded per call, so an embedding job can decode and preprocess on several threads
 * while another runs inference.
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
    return preprocessor.tensor(decoder.decode(file));
  }

  /** Decodes and preprocesses into {@code out[offset ..]}. */
  public void load(Path file, float[] out, int offset) throws ImageDecodeException {
    preprocessor.tensor(decoder.decode(file), out, offset);
  }
}
