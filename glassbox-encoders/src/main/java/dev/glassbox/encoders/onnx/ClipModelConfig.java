package dev.glassbox.encoders.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.encoders.image.Interpolation;
import dev.glassbox.encoders.image.PreprocessConfig;
import dev.glassbox.encoders.image.ResizeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The contents of a model directory's {@code glassbox-encoder.json}: how to feed and read a
 * CLIP-family export. Format version 1; keys (defaults in brackets):
 *
 * <pre>
 * name            readable model name (required)
 * image_file      image tower ONNX file ["image.onnx"]
 * text_file       text tower ONNX file ["text.onnx"]
 * image_size      square input side in pixels (required)
 * resize_mode     "shortest_edge_center_crop" (CLIP) or "squash" ["shortest_edge_center_crop"]
 * interpolation   "bicubic" or "bilinear" ["bicubic"]
 * mean, std       3 values each [OpenAI CLIP's]
 * tokenizer       "clip_bpe" (CLIP's merges file) or "hf_json" (tokenizer.json) [from tokenizer_file's name]
 * tokenizer_file  relative to the directory, or absolute ["bpe_simple_vocab_16e6.txt.gz" / "tokenizer.json"]
 * context_length  tokens per text including special tokens [77]
 * pad_token_id    padding id [0 for clip_bpe; tokenizer.json's pad id for hf_json]
 * logit_scale     multiplier of cosine similarities for zero-shot logits [100.0, CLIP's learned maximum]
 * normalize       L2-normalise both towers' outputs [true]
 * image_input, image_output, text_input, text_output   graph names, when detection is not enough
 * </pre>
 *
 * @param tokenizerKind {@code clip_bpe} or {@code hf_json}
 * @param padTokenId the padding id, or null to take it from the tokenizer file (hf_json only)
 */
public record ClipModelConfig(
    String name,
    String imageFile,
    String textFile,
    PreprocessConfig preprocess,
    String tokenizerKind,
    String tokenizerFile,
    int contextLength,
    Integer padTokenId,
    double logitScale,
    boolean normalize,
    String imageInput,
    String imageOutput,
    String textInput,
    String textOutput) {

  /** The file name looked for in a model directory. */
  public static final String FILE_NAME = "glassbox-encoder.json";
  /** The newest format version this reader understands. */
  public static final int FORMAT_VERSION = 1;
  public static final String CLIP_BPE = "clip_bpe";
  public static final String HF_JSON = "hf_json";

  private static final Set<String> KEYS = Set.of("format", "version", "name", "image_file", "text_file", "image_size",
      "resize_mode", "interpolation", "mean", "std", "tokenizer", "tokenizer_file", "context_length", "pad_token_id",
      "logit_scale", "normalize", "image_input", "image_output", "text_input", "text_output");

  /** Reads and validates a config file; every error names the file and the key. */
  public static ClipModelConfig read(Path file) throws IOException {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw new IOException(file + " must hold a JSON object");
    }
    return parse(json, file.toString());
  }

  static ClipModelConfig parse(JsonNode json, String source) throws IOException {
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IOException(source + ": unknown key \"" + key + "\"; known keys are " + new java.util.TreeSet<>(KEYS));
      }
    }
    int version = json.path("version").asInt(1);
    if (version > FORMAT_VERSION) {
      throw new IOException(source + " has format version " + version + " but this Glassbox reads up to version "
          + FORMAT_VERSION + "; upgrade Glassbox");
    }
    String name = text(json, "name", null, source);
    if (name == null || name.isBlank()) {
      throw new IOException(source + ": \"name\" is required (a readable model name such as \"clip-vit-b32\")");
    }
    if (!json.has("image_size") || !json.get("image_size").canConvertToInt()) {
      throw new IOException(source + ": \"image_size\" is required, an integer such as 224");
    }
    int size = json.get("image_size").asInt();
    ResizeMode resize = switch (text(json, "resize_mode", "shortest_edge_center_crop", source).toLowerCase(Locale.ROOT)) {
      case "shortest_edge_center_crop" -> ResizeMode.SHORTEST_EDGE_CENTER_CROP;
      case "squash" -> ResizeMode.SQUASH;
      default -> throw new IOException(
          source + ": \"resize_mode\" must be \"shortest_edge_center_crop\" or \"squash\", got \"" + json.get("resize_mode").asText() + "\"");
    };
    Interpolation interpolation = switch (text(json, "interpolation", "bicubic", source).toLowerCase(Locale.ROOT)) {
      case "bicubic" -> Interpolation.BICUBIC;
      case "bilinear" -> Interpolation.BILINEAR;
      default -> throw new IOException(
          source + ": \"interpolation\" must be \"bicubic\" or \"bilinear\", got \"" + json.get("interpolation").asText() + "\"");
    };
    float[] mean = floats(json, "mean", PreprocessConfig.CLIP_MEAN, source);
    float[] std = floats(json, "std", PreprocessConfig.CLIP_STD, source);
    PreprocessConfig preprocess;
    try {
      preprocess = new PreprocessConfig(size, resize, interpolation, mean, std);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
    String tokenizerFile = text(json, "tokenizer_file", null, source);
    String kind = text(json, "tokenizer", null, source);
    if (kind == null) {
      kind = tokenizerFile != null && !tokenizerFile.endsWith(".json") ? CLIP_BPE : HF_JSON;
    }
    kind = kind.toLowerCase(Locale.ROOT);
    if (!kind.equals(CLIP_BPE) && !kind.equals(HF_JSON)) {
      throw new IOException(source + ": \"tokenizer\" must be \"clip_bpe\" or \"hf_json\", got \"" + kind + "\"");
    }
    if (tokenizerFile == null) {
      tokenizerFile = kind.equals(CLIP_BPE) ? "bpe_simple_vocab_16e6.txt.gz" : "tokenizer.json";
    }
    int context = json.path("context_length").asInt(77);
    if (context < 2 || context > 8192) {
      throw new IOException(source + ": \"context_length\" must be in [2, 8192], got " + json.path("context_length").asText());
    }
    Integer pad = null;
    if (json.has("pad_token_id") && !json.get("pad_token_id").isNull()) {
      if (!json.get("pad_token_id").canConvertToInt() || json.get("pad_token_id").asInt() < 0) {
        throw new IOException(source + ": \"pad_token_id\" must be a non-negative integer, got " + json.get("pad_token_id"));
      }
      pad = json.get("pad_token_id").asInt();
    } else if (kind.equals(CLIP_BPE)) {
      pad = 0;
    }
    double logitScale = json.path("logit_scale").asDouble(100.0);
    if (!(logitScale > 0) || Double.isInfinite(logitScale)) {
      throw new IOException(source + ": \"logit_scale\" must be a positive number, got " + json.path("logit_scale").asText());
    }
    boolean normalize = json.path("normalize").asBoolean(true);
    return new ClipModelConfig(name, text(json, "image_file", "image.onnx", source), text(json, "text_file", "text.onnx", source),
        preprocess, kind, tokenizerFile, context, pad, logitScale, normalize, text(json, "image_input", null, source),
        text(json, "image_output", null, source), text(json, "text_input", null, source), text(json, "text_output", null, source));
  }

  private static String text(JsonNode json, String key, String dflt, String source) throws IOException {
    JsonNode n = json.get(key);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isTextual()) {
      throw new IOException(source + ": \"" + key + "\" must be a string, got " + n);
    }
    return n.asText();
  }

  private static float[] floats(JsonNode json, String key, float[] dflt, String source) throws IOException {
    JsonNode n = json.get(key);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isArray() || n.size() != 3) {
      throw new IOException(source + ": \"" + key + "\" must be an array of 3 numbers (R, G, B), got " + n);
    }
    float[] out = new float[3];
    for (int i = 0; i < 3; i++) {
      if (!n.get(i).isNumber()) {
        throw new IOException(source + ": \"" + key + "\" must be an array of 3 numbers (R, G, B), got " + n);
      }
      out[i] = (float) n.get(i).asDouble();
    }
    return out;
  }
}
