package dev.glassbox.encoders.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.encoders.onnx.OnnxGraph.Port;
import dev.glassbox.encoders.text.TokenBatch;
import dev.glassbox.encoders.text.Tokenizer;
import dev.glassbox.math.FloatMatrix;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text tower of a CLIP-family ONNX export: texts → tokenizer (padded to the context length, as
 * CLIP's {@code tokenize} pads) → graph → embedding (L2-normalised when the model's config says so).
 *
 * <p>The graph's token input is {@code input_ids} or its only input; {@code attention_mask},
 * {@code token_type_ids} (zeros) and {@code position_ids} ({@code 0..n-1}) are fed when the graph
 * has them; int32 and int64 ids are both accepted. The embedding is the {@code text_embeds} output,
 * or the only 2-d float output.
 *
 * <p>Thread-safe; close to free the session and the tokenizer.
 */
public final class OnnxClipTextEncoder implements TextEncoder {
  private final OnnxGraph graph;
  private final Tokenizer tokenizer;
  private final GraphRoles.TextInputs inputs;
  private final String output;
  private final boolean normalize;
  private final int batchSize;
  private final boolean fixedBatch;
  private final EncoderIdentity identity;

  private OnnxClipTextEncoder(OnnxGraph graph, Tokenizer tokenizer, GraphRoles.TextInputs inputs, String output,
      boolean normalize, OnnxConfig config, String name) {
    this.graph = graph;
    this.tokenizer = tokenizer;
    this.inputs = inputs;
    this.output = output;
    this.normalize = normalize;
    long fixed = inputs.ids().shape()[0];
    this.fixedBatch = fixed > 0;
    this.batchSize = fixedBatch ? (int) fixed : config.batchSize();
    int dim = -1;
    for (Port p : graph.outputs()) {
      if (p.name().equals(output) && p.shape()[1] > 0) {
        dim = (int) p.shape()[1];
      }
    }
    if (dim < 0) {
      dim = runBatch(tokenizer.batch(java.util.Collections.nCopies(fixedBatch ? batchSize : 1, ""), true), null, 0, 0);
    }
    this.identity = new EncoderIdentity(name, graph.sha256(), dim);
  }

  /**
   * Opens the tower from ONNX bytes; the encoder takes ownership of {@code tokenizer} and closes it.
   *
   * @param idsInput the graph's token-id input, or null to detect it
   * @param outputName the graph's embedding output, or null to detect it
   */
  public static OnnxClipTextEncoder open(byte[] onnx, String source, String name, Tokenizer tokenizer, boolean normalize,
      OnnxConfig config, String idsInput, String outputName) {
    OnnxGraph graph = OnnxGraph.open(onnx, source, config);
    try {
      GraphRoles.TextInputs in = GraphRoles.textInputs(graph.inputs(), idsInput, source);
      long seq = in.ids().shape()[1];
      if (seq > 0 && seq != tokenizer.contextLength()) {
        throw new IllegalArgumentException(
            source + " takes " + seq + " tokens per text but the config's context_length is " + tokenizer.contextLength()
                + "; set context_length to " + seq);
      }
      Port out = GraphRoles.embeddingOutput(graph.outputs(), outputName, "text_embeds", source, "text_output");
      return new OnnxClipTextEncoder(graph, tokenizer, in, out.name(), normalize, config, name);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  @Override
  public EncoderIdentity identity() {
    return identity;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public FloatMatrix encode(List<String> texts) {
    int dim = identity.dim();
    float[] out = new float[texts.size() * dim];
    for (int start = 0; start < texts.size(); start += batchSize) {
      int n = Math.min(batchSize, texts.size() - start);
      List<String> chunk = texts.subList(start, start + n);
      if (fixedBatch && n < batchSize) {
        List<String> padded = new java.util.ArrayList<>(chunk);
        while (padded.size() < batchSize) {
          padded.add("");
        }
        chunk = padded;
      }
      runBatch(tokenizer.batch(chunk, true), out, start, n);
    }
    if (normalize) {
      for (int i = 0; i < texts.size(); i++) {
        Pooling.l2Normalize(out, i * dim, dim);
      }
    }
    return FloatMatrix.wrap(texts.size(), dim, out);
  }

  private int runBatch(TokenBatch batch, float[] out, int firstRow, int keep) {
    long[] shape = {batch.size(), batch.length()};
    int cells = batch.size() * batch.length();
    Map<String, OnnxTensor> feeds = new HashMap<>();
    try {
      feeds.put(inputs.ids().name(), TensorSupport.ints(graph.environment(), batch.ids(), 0, cells, shape, inputs.ids().type()));
      if (inputs.attentionMask() != null) {
        feeds.put(inputs.attentionMask().name(),
            TensorSupport.ints(graph.environment(), batch.attentionMask(), 0, cells, shape, inputs.attentionMask().type()));
      }
      if (inputs.tokenTypeIds() != null) {
        feeds.put(inputs.tokenTypeIds().name(),
            TensorSupport.ints(graph.environment(), new long[cells], 0, cells, shape, inputs.tokenTypeIds().type()));
      }
      if (inputs.positionIds() != null) {
        long[] pos = new long[cells];
        for (int i = 0; i < cells; i++) {
          pos[i] = i % batch.length();
        }
        feeds.put(inputs.positionIds().name(),
            TensorSupport.ints(graph.environment(), pos, 0, cells, shape, inputs.positionIds().type()));
      }
      try (OrtSession.Result result = graph.run(feeds)) {
        OnnxTensor o = (OnnxTensor) result.get(output).orElseThrow();
        long[] os = o.getInfo().getShape();
        if (os.length != 2 || os[0] != batch.size()) {
          throw new IllegalStateException(graph.source() + " returned '" + output + "' of shape " + Arrays.toString(os)
              + " for " + batch.size() + " texts; expected [" + batch.size() + ", dim]");
        }
        int dim = (int) os[1];
        if (out != null) {
          o.getFloatBuffer().get(out, firstRow * dim, keep * dim);
        }
        return dim;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("cannot build the token tensors for " + graph.source() + ": " + e.getMessage(), e);
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
