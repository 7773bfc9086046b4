package dev.glassbox.bottleneck;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.SaeKernels;
import dev.glassbox.math.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bottleneck whose concepts are the atoms of a sparse autoencoder (Discover-then-Name, Rao et
 * al., ECCV 2024): activation {@code k} of input {@code x} is the SAE's code
 *
 * <pre>  f_k(x) = ReLU(w_k·(x − b_d) + e_k)</pre>
 *
 * with encoder rows {@code w_k}, encoder bias {@code e_k} and the tied pre-bias {@code b_d} (the
 * decoder's output bias, subtracted before encoding). The decoder (one unit-norm atom per concept,
 * {@code x̂ = Σ_k f_k d_k + b_d}) is kept with the encoder so that a saved model can still
 * reconstruct its inputs and name its atoms.
 *
 * <p>The pre-bias is folded into the encoder bias once ({@code c = e − W_e·b_d}), so an activation
 * costs one matrix product and one fused bias-and-ReLU pass.
 */
public final class SparseAutoencoderBottleneck implements Bottleneck {
  public static final String KIND = "sae";

  private final FloatMatrix encoder;
  private final float[] encoderBias;
  private final FloatMatrix decoder;
  private final float[] preBias;
  // Derived: e − W_e·b_d.
  private final float[] foldedBias;

  /**
   * @param encoder {@code [numAtoms × dim]} encoder rows
   * @param encoderBias {@code [numAtoms]}
   * @param decoder {@code [numAtoms × dim]} decoder atoms (rows; unit norm after training)
   * @param preBias {@code [dim]} the tied bias {@code b_d}
   */
  public SparseAutoencoderBottleneck(FloatMatrix encoder, float[] encoderBias, FloatMatrix decoder, float[] preBias) {
    int m = encoder.rows();
    int d = encoder.cols();
    if (encoderBias.length != m) {
      throw new IllegalArgumentException("sparse autoencoder has " + m + " encoder rows but " + encoderBias.length + " encoder biases");
    }
    if (decoder.rows() != m || decoder.cols() != d) {
      throw new IllegalArgumentException(
          "sparse autoencoder decoder is " + decoder.shape() + " but its encoder is " + encoder.shape() + "; they must match");
    }
    if (preBias.length != d) {
      throw new IllegalArgumentException("sparse autoencoder reads " + d + "-d inputs but its pre-bias has " + preBias.length + " values");
    }
    this.encoder = encoder;
    this.encoderBias = encoderBias;
    this.decoder = decoder;
    this.preBias = preBias;
    this.foldedBias = encoderBias.clone();
    Kernels.gemm(false, false, m, 1, d, -1f, encoder.data(), 0, d, preBias, 0, 1, 1f, foldedBias, 0, 1);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int numConcepts() {
    return encoder.rows();
  }

  @Override
  public int inputDim() {
    return encoder.cols();
  }

  /** {@code [numAtoms × dim]} encoder rows. */
  public FloatMatrix encoder() {
    return encoder;
  }

  public float[] encoderBias() {
    return encoderBias;
  }

  /** {@code [numAtoms × dim]} decoder atoms, one per concept. */
  public FloatMatrix decoder() {
    return decoder;
  }

  /** The tied pre-bias {@code b_d} ({@code [dim]}). */
  public float[] preBias() {
    return preBias;
  }

  @Override
  public void activate(float[] x, int n, float[] out, int outOffset) {
    int m = numConcepts();
    int d = inputDim();
    Kernels.gemm(false, true, n, m, d, 1f, x, 0, d, encoder.data(), 0, d, 0f, out, outOffset, m);
    SaeKernels.biasRelu(out, outOffset, n, m, foldedBias, null);
  }

  /**
   * Reconstructions {@code x̂ = f·D + b_d} of {@code n} inputs from their codes
   * {@code codes[n × numAtoms]} into {@code out[n × dim]}.
   */
  public void decode(float[] codes, int n, float[] out) {
    int m = numConcepts();
    int d = inputDim();
    for (int r = 0; r < n; r++) {
      System.arraycopy(preBias, 0, out, r * d, d);
    }
    Kernels.gemm(false, false, n, d, m, 1f, codes, 0, m, decoder.data(), 0, d, 1f, out, 0, d);
  }

  @Override
  public SparseAutoencoderBottleneck selectConcepts(int[] keep) {
    float[] b = new float[keep.length];
    for (int i = 0; i < keep.length; i++) {
      b[i] = encoderBias[keep[i]];
    }
    return new SparseAutoencoderBottleneck(encoder.selectRows(keep), b, decoder.selectRows(keep), preBias.clone());
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("atoms", numConcepts());
    m.put("activation", "relu");
    return m;
  }

  @Override
  public Map<String, Tensor> tensors() {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("encoder", Tensor.of(encoder));
    t.put("encoder_bias", Tensor.vector(encoderBias));
    t.put("decoder", Tensor.of(decoder));
    t.put("pre_bias", Tensor.vector(preBias));
    return t;
  }

  /** Rebuilds the bottleneck from its tensors (see {@link #tensors()}). */
  public static SparseAutoencoderBottleneck restore(Map<String, Object> config, Map<String, Tensor> tensors) {
    return new SparseAutoencoderBottleneck(
        ProjectionBottleneck.require(tensors, "encoder").asMatrix(),
        ProjectionBottleneck.require(tensors, "encoder_bias").data(),
        ProjectionBottleneck.require(tensors, "decoder").asMatrix(),
        ProjectionBottleneck.require(tensors, "pre_bias").data());
  }
}
