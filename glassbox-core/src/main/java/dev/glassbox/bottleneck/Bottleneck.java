package dev.glassbox.bottleneck;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.RowSource;
import dev.glassbox.math.Tensor;
import dev.glassbox.progress.ProgressListener;
import java.util.Map;

/**
 * The first, readable step of a CBM: maps an input embedding ({@code inputDim}) to one activation
 * per concept ({@code numConcepts}). Implementations are immutable and thread-safe.
 */
public sealed interface Bottleneck permits ProjectionBottleneck, ConceptMatrixBottleneck, SparseAutoencoderBottleneck {
  /** Stable kind name stored in model manifests. */
  String kind();

  int numConcepts();

  int inputDim();

  /**
   * Activations of {@code n} row-major inputs {@code x[n × inputDim]} into
   * {@code out[outOffset, outOffset + n × numConcepts)} (overwritten).
   */
  void activate(float[] x, int n, float[] out, int outOffset);

  /** Activations of {@code n} inputs into the start of {@code out}. */
  default void activate(float[] x, int n, float[] out) {
    activate(x, n, out, 0);
  }

  /** Activations of every row of {@code x}, computed in row blocks straight into the result. */
  default FloatMatrix activate(RowSource x, ProgressListener progress) {
    if (x.cols() != inputDim()) {
      throw new IllegalArgumentException(
          "inputs are " + x.cols() + "-d but the bottleneck expects " + inputDim() + "-d embeddings; use embeddings from the model's encoder");
    }
    FloatMatrix out = FloatMatrix.zeros(x.rows(), numConcepts());
    activateInto(x, out, progress);
    return out;
  }

  /** Activations of every row of {@code x} written into {@code out} ({@code [x.rows × numConcepts]}). */
  default void activateInto(RowSource x, FloatMatrix out, ProgressListener progress) {
    if (x.cols() != inputDim()) {
      throw new IllegalArgumentException(
          "inputs are " + x.cols() + "-d but the bottleneck expects " + inputDim() + "-d embeddings; use embeddings from the model's encoder");
    }
    int n = x.rows();
    int k = numConcepts();
    if (out.rows() != n || out.cols() != k) {
      throw new IllegalArgumentException("activation output is " + out.shape() + " but must be " + n + " × " + k);
    }
    // Large blocks keep BLAS efficient (each call re-packs the concept matrix); 4096 rows of input
    // at 1024 dimensions is 16 MiB.
    int block = Math.max(1, Math.min(n, 4096));
    float[] in = new float[block * inputDim()];
    for (int s = 0; s < n; s += block) {
      int m = Math.min(block, n - s);
      x.readRows(s, m, in, 0);
      activate(in, m, out.data(), s * k);
      progress.progress("activations", s + m, n);
    }
  }

  /** Activations of a single input. */
  default float[] activate(float[] x) {
    float[] out = new float[numConcepts()];
    activate(x, 1, out);
    return out;
  }

  /** The same bottleneck restricted to the concepts at {@code keep}, in that order. */
  Bottleneck selectConcepts(int[] keep);

  /** JSON-compatible settings stored in the manifest (no tensors). */
  Map<String, Object> config();

  /** Learned state, by tensor name (without a prefix). */
  Map<String, Tensor> tensors();
}
