package dev.glassbox.encoders.onnx;

import dev.glassbox.encoders.image.ImageDecoder;
import dev.glassbox.encoders.text.ClipBpeTokenizer;
import dev.glassbox.encoders.text.HuggingFaceJsonTokenizer;
import dev.glassbox.encoders.text.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A directory holding a CLIP-family model exported to ONNX: {@code image.onnx}, {@code text.onnx},
 * the tokenizer ({@code tokenizer.json} or CLIP's BPE merges file) and {@code glassbox-encoder.json}
 * (see {@link ClipModelConfig}).
 *
 * <p>{@link #open(Path)} reads and validates the config; each tower checks its own files when it is
 * opened and names the missing one, so a job that needs only one tower never loads the other, and
 * a directory holding only the image tower (an image-embedding export) serves image jobs.
 */
public final class ClipModelDirectory {
  private final Path directory;
  private final ClipModelConfig config;
  private final Path imageFile;
  private final Path textFile;
  private final Path tokenizerFile;

  private ClipModelDirectory(Path directory, ClipModelConfig config, Path imageFile, Path textFile, Path tokenizerFile) {
    this.directory = directory;
    this.config = config;
    this.imageFile = imageFile;
    this.textFile = textFile;
    this.tokenizerFile = tokenizerFile;
  }

  /** Reads and checks {@code glassbox-encoder.json}; the files it names are checked when their tower is opened. */
  public static ClipModelDirectory open(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new NoSuchFileException(directory.toString(), null, "the model directory does not exist or is not a directory");
    }
    Path configFile = directory.resolve(ClipModelConfig.FILE_NAME);
    if (!Files.isRegularFile(configFile)) {
      throw new NoSuchFileException(configFile.toString(), null,
          "the model directory has no " + ClipModelConfig.FILE_NAME + " (image size, mean, std, tokenizer, context length)");
    }
    ClipModelConfig config = ClipModelConfig.read(configFile);
    return new ClipModelDirectory(directory, config, directory.resolve(config.imageFile()), directory.resolve(config.textFile()),
        directory.resolve(config.tokenizerFile()));
  }

  private static Path require(Path p, String what) throws NoSuchFileException {
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(p.toString(), null, "the " + what + " named in " + ClipModelConfig.FILE_NAME + " is missing");
    }
    return p;
  }

  public Path directory() {
    return directory;
  }

  public ClipModelConfig config() {
    return config;
  }

  /** CLIP's logit scale: zero-shot logits are {@code logitScale × cosine(image, text)}. */
  public double logitScale() {
    return config.logitScale();
  }

  /** Opens the image tower with default image decoding limits. */
  public OnnxClipImageEncoder openImageEncoder(OnnxConfig onnx) throws IOException {
    return openImageEncoder(onnx, new ImageDecoder());
  }

  /** Opens the image tower; {@code decoder} sets its file-decoding limits. */
  public OnnxClipImageEncoder openImageEncoder(OnnxConfig onnx, ImageDecoder decoder) throws IOException {
    byte[] bytes = Files.readAllBytes(require(imageFile, "image tower (image_file)"));
    return OnnxClipImageEncoder.open(bytes, imageFile.toString(), config.name(), config.preprocess(), config.normalize(),
        onnx, config.imageInput(), config.imageOutput(), decoder);
  }

  /** Opens the text tower with its tokenizer. */
  public OnnxClipTextEncoder openTextEncoder(OnnxConfig onnx) throws IOException {
    require(textFile, "text tower (text_file)");
    Tokenizer tokenizer = openTokenizer();
    byte[] bytes = Files.readAllBytes(textFile);
    try {
      return OnnxClipTextEncoder.open(bytes, textFile.toString(), config.name(), tokenizer, config.normalize(), onnx,
          config.textInput(), config.textOutput());
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** The tokenizer the config names, at the config's context length and padding id. */
  public Tokenizer openTokenizer() throws IOException {
    require(tokenizerFile, "tokenizer (tokenizer_file)");
    if (config.tokenizerKind().equals(ClipModelConfig.CLIP_BPE)) {
      try {
        return ClipBpeTokenizer.load(tokenizerFile, config.contextLength(), config.padTokenId());
      } catch (IllegalArgumentException | UncheckedIOException e) {
        throw new IOException(tokenizerFile + ": " + e.getMessage(), e);
      }
    }
    return HuggingFaceJsonTokenizer.load(tokenizerFile, config.contextLength(), config.padTokenId());
  }
}
