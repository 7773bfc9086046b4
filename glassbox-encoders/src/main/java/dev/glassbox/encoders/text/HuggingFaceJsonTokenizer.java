package dev.glassbox.encoders.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A tokenizer described by a Hugging Face {@code tokenizer.json} (WordPiece, BPE, Unigram with their
 * normalizers, pre-tokenizers and post-processors), run by the Rust {@code tokenizers} library
 * through DJL, fully offline.
 *
 * <p>Special tokens are added by the file's post-processor; texts longer than the context length
 * are truncated by the library, which keeps the closing special token. Padding is this module's
 * (see {@link Tokenizer#batch}), with the file's padding id unless another is given.
 *
 * <p>Holds native memory: close it. Thread-safe.
 */
public final class HuggingFaceJsonTokenizer implements Tokenizer {
  private final HuggingFaceTokenizer tokenizer;
  private final int contextLength;
  private final int padId;

  private HuggingFaceJsonTokenizer(HuggingFaceTokenizer tokenizer, int contextLength, int padId) {
    this.tokenizer = tokenizer;
    this.contextLength = contextLength;
    this.padId = padId;
  }

  /**
   * Loads {@code tokenizer.json}.
   *
   * @param contextLength maximum tokens per text including special tokens, at least 2
   * @param padId the padding id, or null to take {@code padding.pad_id} from the file (0 when the file
   *     sets no padding)
   */
  public static HuggingFaceJsonTokenizer load(Path tokenizerJson, int contextLength, Integer padId) throws IOException {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new NoSuchFileException(tokenizerJson.toString(), null, "the tokenizer file does not exist");
    }
    try (InputStream in = Files.newInputStream(tokenizerJson)) {
      return read(in, contextLength, padId, tokenizerJson.toString());
    }
  }

  /** Reads a {@code tokenizer.json} from a stream (not closed); {@code source} names it in errors. */
  public static HuggingFaceJsonTokenizer read(InputStream in, int contextLength, Integer padId, String source)
      throws IOException {
    if (contextLength < 2) {
      throw new IllegalArgumentException("contextLength must be at least 2, got " + contextLength);
    }
    byte[] bytes = in.readAllBytes();
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(bytes);
    } catch (IOException e) {
      throw new IOException(source + " is not valid JSON: " + e.getMessage(), e);
    }
    if (json == null || !json.isObject() || !json.has("model")) {
      throw new IOException(source + " is not a Hugging Face tokenizer.json (no \"model\" entry)");
    }
    int pad = padId != null ? padId : json.path("padding").path("pad_id").asInt(0);
    DjlOffline.ensure();
    String max = Integer.toString(contextLength);
    Map<String, String> options = Map.of(
        "addSpecialTokens", "true",
        "padding", "false",
        "truncation", "true",
        "maxLength", max,
        "modelMaxLength", max);
    HuggingFaceTokenizer t;
    try {
      t = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), options);
    } catch (RuntimeException e) {
      throw new IOException("the tokenizers library cannot read " + source + ": " + e.getMessage(), e);
    }
    return new HuggingFaceJsonTokenizer(t, contextLength, pad);
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public int padId() {
    return padId;
  }

  @Override
  public int[] ids(String text) {
    Encoding e = tokenizer.encode(text);
    long[] ids = e.getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /** The token strings of {@code text}, special tokens included (for inspection and tests). */
  public String[] tokens(String text) {
    return tokenizer.encode(text).getTokens();
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
