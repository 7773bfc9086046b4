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
 * <p>{@link #open(Path)} validates the directory and names the missing or bad file; the towers are
 * opened separately, so a job that needs only one never loads the other.
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

  /** Reads {@code glassbox-encoder.json} and checks that every file it names exists. */
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
    Path image = require(directory, config.imageFile(), "image tower (image_file)");
    Path text = require(directory, config.textFile(), "text tower (text_file)");
    Path tokenizer = require(directory, config.tokenizerFile(), "tokenizer (tokenizer_file)");
    return new ClipModelDirectory(directory, config, image, text, tokenizer);
  }

  private static Path require(Path dir, String name, String what) throws NoSuchFileException {
    Path p = dir.resolve(name);
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
    byte[] bytes = Files.readAllBytes(imageFile);
    return OnnxClipImageEncoder.open(bytes, imageFile.toString(), config.name(), config.preprocess(), config.normalize(),
        onnx, config.imageInput(), config.imageOutput(), decoder);
  }

  /** Opens the text tower with its tokenizer. */
  public OnnxClipTextEncoder openTextEncoder(OnnxConfig onnx) throws IOException {
    byte[] bytes = Files.readAllBytes(textFile);
    Tokenizer tokenizer = openTokenizer();
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
