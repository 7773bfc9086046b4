package dev.glassbox.head;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The second, readable step of a CBM: class logits {@code W·a + b} from concept activations
 * {@code a}, plus, for hybrid models (PCBM-h), a residual {@code R·x} on the raw input embedding.
 *
 * @param weight {@code [numClasses × numConcepts]}; usually sparse
 * @param bias {@code [numClasses]}
 * @param residual {@code [numClasses × inputDim]} residual weights, or null for a pure CBM
 */
public record LinearHead(FloatMatrix weight, float[] bias, FloatMatrix residual) {
  public LinearHead {
    if (bias.length != weight.rows()) {
      throw new IllegalArgumentException("head has " + weight.rows() + " weight rows but " + bias.length + " biases");
    }
    if (residual != null && residual.rows() != weight.rows()) {
      throw new IllegalArgumentException("head has " + weight.rows() + " classes but its residual has " + residual.rows() + " rows");
    }
  }

  public int numClasses() {
    return weight.rows();
  }

  public int numConcepts() {
    return weight.cols();
  }

  /**
   * Logits for {@code n} items: {@code out[n × numClasses] = acts·Wᵀ + b (+ inputs·Rᵀ)}.
   *
   * @param inputs raw embeddings {@code [n × inputDim]}, needed only when there is a residual
   */
  public void logits(float[] acts, float[] inputs, int n, float[] out) {
    int c = numClasses();
    int k = numConcepts();
    for (int r = 0; r < n; r++) {
      System.arraycopy(bias, 0, out, r * c, c);
    }
    Kernels.gemm(false, true, n, c, k, 1f, acts, 0, k, weight.data(), 0, k, 1f, out, 0, c);
    if (residual != null) {
      int d = residual.cols();
      Kernels.gemm(false, true, n, c, d, 1f, inputs, 0, d, residual.data(), 0, d, 1f, out, 0, c);
    }
  }

  /** Non-zero weights of each class. */
  public int[] nonZerosPerClass() {
    int[] out = new int[numClasses()];
    float[] w = weight.data();
    int k = numConcepts();
    for (int c = 0; c < out.length; c++) {
      int nz = 0;
      for (int j = 0; j < k; j++) {
        if (w[c * k + j] != 0f) {
          nz++;
        }
      }
      out[c] = nz;
    }
    return out;
  }

  public int nonZeros() {
    return Arrays.stream(nonZerosPerClass()).sum();
  }

  public LinearHead withWeight(FloatMatrix w) {
    return new LinearHead(w, bias, residual);
  }

  public Map<String, Tensor> tensors() {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("weight", Tensor.of(weight));
    t.put("bias", Tensor.vector(bias));
    if (residual != null) {
      t.put("residual", Tensor.of(residual));
    }
    return t;
  }

  public static LinearHead restore(Map<String, Tensor> tensors) {
    Tensor w = tensors.get("weight");
    Tensor b = tensors.get("bias");
    if (w == null || b == null) {
      throw new IllegalArgumentException("head tensor '" + (w == null ? "weight" : "bias") + "' is missing");
    }
    Tensor r = tensors.get("residual");
    return new LinearHead(w.asMatrix(), b.data(), r == null ? null : r.asMatrix());
  }
}
