package dev.glassbox.encoders.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.encoders.image.ClipPreprocessor;
import dev.glassbox.encoders.image.DecodedImage;
import dev.glassbox.encoders.image.ImageDecodeException;
import dev.glassbox.encoders.image.ImageDecoder;
import dev.glassbox.encoders.image.ImagePipeline;
import dev.glassbox.encoders.image.PreprocessConfig;
import dev.glassbox.encoders.onnx.OnnxGraph.Port;
import dev.glassbox.math.FloatMatrix;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The image tower of a CLIP-family ONNX export: images → CLIP preprocessing → graph → embedding
 * (L2-normalised when the model's config says so, as CLIP's zero-shot classification uses them).
 *
 * <p>The graph's image input is its {@code pixel_values} input, or its only input; the embedding
 * is its {@code image_embeds} output, or its only 2-d float output (see {@link GraphRoles}). Images
 * run in batches of {@link OnnxConfig#batchSize()} (or the graph's fixed batch size).
 *
 * <p>Thread-safe; close to free the ONNX Runtime session.
 */
public final class OnnxClipImageEncoder implements ImageEncoder {
  private final OnnxGraph graph;
  private final Port input;
  private final String output;
  private final ClipPreprocessor preprocessor;
  private final ImagePipeline pipeline;
  private final boolean normalize;
  private final int batchSize;
  private final boolean fixedBatch;
  private final EncoderIdentity identity;

  private OnnxClipImageEncoder(OnnxGraph graph, Port input, String output, PreprocessConfig preprocess, boolean normalize,
      OnnxConfig config, String name, ImageDecoder decoder) {
    this.graph = graph;
    this.input = input;
    this.output = output;
    this.preprocessor = new ClipPreprocessor(preprocess);
    this.pipeline = new ImagePipeline(decoder, preprocessor);
    this.normalize = normalize;
    long fixed = input.shape()[0];
    this.fixedBatch = fixed > 0;
    this.batchSize = fixedBatch ? (int) fixed : config.batchSize();
    this.identity = new EncoderIdentity(name, graph.sha256(), probeDim());
  }

  /**
   * Opens the tower from ONNX bytes.
   *
   * @param source the file name, for messages
   * @param name readable model name for {@link EncoderIdentity}
   * @param inputName the graph's image input, or null to detect it
   * @param outputName the graph's embedding output, or null to detect it
   */
  public static OnnxClipImageEncoder open(byte[] onnx, String source, String name, PreprocessConfig preprocess,
      boolean normalize, OnnxConfig config, String inputName, String outputName, ImageDecoder decoder) {
    OnnxGraph graph = OnnxGraph.open(onnx, source, config);
    try {
      Port in = GraphRoles.imageInput(graph.inputs(), inputName, source);
      long[] s = in.shape();
      if (s.length != 4 || (s[1] > 0 && s[1] != 3)) {
        throw new IllegalArgumentException(source + "'s image input " + in + " must be batch × 3 × height × width");
      }
      int size = preprocess.size();
      if ((s[2] > 0 && s[2] != size) || (s[3] > 0 && s[3] != size)) {
        throw new IllegalArgumentException(
            source + " takes " + s[2] + " × " + s[3] + " images but the config's image_size is " + size
                + "; set image_size to the graph's input size");
      }
      for (Port p : graph.inputs()) {
        if (p != in) {
          throw new IllegalArgumentException(source + " has the input " + p + " besides the image input " + in
              + "; an image tower takes the image only");
        }
      }
      Port out = GraphRoles.embeddingOutput(graph.outputs(), outputName, "image_embeds", source, "image_output");
      return new OnnxClipImageEncoder(graph, in, out.name(), preprocess, normalize, config, name, decoder);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  private int probeDim() {
    for (Port p : graph.outputs()) {
      if (p.name().equals(output) && p.shape()[1] > 0) {
        return (int) p.shape()[1];
      }
    }
    // The output width is symbolic: run one blank image to learn it.
    float[] blank = new float[preprocessor.tensorLength() * (fixedBatch ? batchSize : 1)];
    int[] dim = new int[1];
    run(FloatBuffer.wrap(blank), fixedBatch ? batchSize : 1, null, 0, 0, dim);
    return dim[0];
  }

  @Override
  public EncoderIdentity identity() {
    return identity;
  }

  /** Decoding and preprocessing as this tower needs them; thread-safe, for loader threads. */
  public ImagePipeline pipeline() {
    return pipeline;
  }

  public ClipPreprocessor preprocessor() {
    return preprocessor;
  }

  @Override
  public FloatMatrix encode(List<BufferedImage> images) {
    List<DecodedImage> decoded = new ArrayList<>(images.size());
    for (BufferedImage bi : images) {
      decoded.add(ImageDecoder.fromBufferedImage(bi));
    }
    return encodeDecoded(decoded);
  }

  /** Embeds decoded images. */
  public FloatMatrix encodeDecoded(List<DecodedImage> images) {
    int len = preprocessor.tensorLength();
    float[] pixels = new float[images.size() * len];
    for (int i = 0; i < images.size(); i++) {
      preprocessor.tensor(images.get(i), pixels, i * len);
    }
    return encodeTensors(pixels, images.size());
  }

  /** Decodes, preprocesses and embeds image files; the first file that cannot be decoded stops the call. */
  public FloatMatrix encodeFiles(List<Path> files) throws ImageDecodeException {
    int len = preprocessor.tensorLength();
    float[] pixels = new float[files.size() * len];
    for (int i = 0; i < files.size(); i++) {
      pipeline.load(files.get(i), pixels, i * len);
    }
    return encodeTensors(pixels, files.size());
  }

  /**
   * Embeds preprocessed images.
   *
   * @param pixels {@code [count × 3 × size × size]}, as {@link ClipPreprocessor#tensor} writes them
   */
  public FloatMatrix encodeTensors(float[] pixels, int count) {
    int len = preprocessor.tensorLength();
    if (pixels.length != (long) count * len) {
      throw new IllegalArgumentException(
          count + " preprocessed images need " + ((long) count * len) + " values, got " + pixels.length);
    }
    int dim = identity.dim();
    float[] out = new float[count * dim];
    for (int start = 0; start < count; start += batchSize) {
      int n = Math.min(batchSize, count - start);
      float[] chunk;
      int runRows = fixedBatch ? batchSize : n;
      if (n == runRows && start == 0 && n == count) {
        chunk = pixels;
      } else {
        chunk = new float[runRows * len];
        System.arraycopy(pixels, start * len, chunk, 0, n * len);
      }
      run(FloatBuffer.wrap(chunk), runRows, out, start, n, null);
    }
    if (normalize) {
      for (int i = 0; i < count; i++) {
        Pooling.l2Normalize(out, i * dim, dim);
      }
    }
    return FloatMatrix.wrap(count, dim, out);
  }

  /**
   * Inputs per {@code session.run}: the graph's fixed batch size, or {@link OnnxConfig#batchSize()}
   * when the graph's batch dimension is free.
   */
  public int batchSize() {
    return batchSize;
  }

  /** Whether the graph fixes its batch size (then every run feeds exactly {@link #batchSize()} images). */
  public boolean fixedBatch() {
    return fixedBatch;
  }

  /**
   * Embeds {@code count} preprocessed images held in {@code pixels} (positions {@code 0 ..
   * count·tensorLength}), running the graph once per {@link #batchSize()} images, and returns the
   * nanoseconds spent inside ONNX Runtime's {@code session.run} (for overhead accounting).
   *
   * <p>A direct, native-order buffer is handed to ONNX Runtime without a copy. For a graph with a
   * fixed batch size, {@code pixels} must have room for a whole last batch: its padding images are
   * zeroed, run and dropped. An image's embedding depends only on its own pixels and on which images
   * share its {@code session.run}; callers that need reproducible bytes keep batch composition
   * fixed.
   *
   * @param out receives {@code [count × dim]} embeddings (L2-normalised when the config says so) at
   *     row {@code outRow}
   */
  public long embedBatch(FloatBuffer pixels, int count, float[] out, int outRow) {
    int len = preprocessor.tensorLength();
    int dim = identity.dim();
    long nanos = 0;
    for (int start = 0; start < count; start += batchSize) {
      int n = Math.min(batchSize, count - start);
      int runRows = fixedBatch ? batchSize : n;
      if ((long) (start + runRows) * len > pixels.capacity()) {
        throw new IllegalArgumentException("the pixel buffer holds " + pixels.capacity() / len + " images; running " + runRows
            + " images from image " + start + " needs " + (start + runRows));
      }
      FloatBuffer view = pixels.duplicate();
      view.clear();
      for (int p = (start + n) * len; p < (start + runRows) * len; p++) {
        view.put(p, 0f);
      }
      view.position(start * len).limit((start + runRows) * len);
      nanos += run(view.slice(), runRows, out, outRow + start, n, null);
    }
    if (normalize) {
      for (int i = 0; i < count; i++) {
        Pooling.l2Normalize(out, (outRow + i) * dim, dim);
      }
    }
    return nanos;
  }

  /**
   * Runs one batch of {@code rows} images and copies the first {@code keep} embeddings to row
   * {@code firstRow} of {@code out}; returns the nanoseconds spent in {@code session.run}, and the
   * output width in {@code dimOut[0]} when given.
   */
  private long run(FloatBuffer pixels, int rows, float[] out, int firstRow, int keep, int[] dimOut) {
    int size = preprocessor.config().size();
    long[] shape = {rows, 3, size, size};
    try (OnnxTensor t = OnnxTensor.createTensor(graph.environment(), pixels, shape)) {
      long t0 = System.nanoTime();
      try (OrtSession.Result result = graph.run(Map.of(input.name(), t))) {
        long nanos = System.nanoTime() - t0;
        OnnxTensor o = (OnnxTensor) result.get(output).orElseThrow();
        long[] os = o.getInfo().getShape();
        if (os.length != 2 || os[0] != rows) {
          throw new IllegalStateException(graph.source() + " returned '" + output + "' of shape " + java.util.Arrays.toString(os)
              + " for " + rows + " images; expected [" + rows + ", dim]");
        }
        int dim = (int) os[1];
        if (dimOut != null) {
          dimOut[0] = dim;
        }
        if (out != null) {
          FloatBuffer fb = o.getFloatBuffer();
          fb.get(out, firstRow * dim, keep * dim);
        }
        return nanos;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("cannot build the image tensor for " + graph.source() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    graph.close();
  }
}
