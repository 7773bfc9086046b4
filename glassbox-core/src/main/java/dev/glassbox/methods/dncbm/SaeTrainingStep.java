package dev.glassbox.methods.dncbm;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.math.AdamUpdate;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.SaeKernels;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The state of a sparse autoencoder in training and its Adam step: the inner loop of
 * {@link SparseAutoencoderTrainer}, public so that benchmarks can time exactly the step the
 * trainer runs. Not thread-safe; it owns every buffer it writes, so a step allocates nothing.
 *
 * <p>Model (Discover-then-Name's SAE, after Bricken et al. 2023 "Towards Monosemanticity"):
 * {@code x̄ = x − b_d}, {@code f = ReLU(W_e x̄ + b_e)}, {@code x̂ = Dᵀf + b_d}, with the atoms
 * (rows of {@code D}, the decoder's columns) renormalised to unit norm after every step. Loss per
 * batch of {@code B} rows:
 *
 * <pre>  L = (1/B) Σ_i ( ‖x_i − x̂_i‖² + λ‖f_i‖₁ )</pre>
 *
 * the squared error summed over dimensions and averaged over the batch, as the reference's
 * {@code L2ReconstructionLoss} and {@code LearnedActivationsL1Loss} reduce it.
 *
 * <p>Gradients, with {@code E = (2/B)(X̂ − X)} and {@code G = (E Dᵀ + λ/B) ⊙ [f > 0]}:
 * {@code ∂D = Fᵀ E}, {@code ∂W_e = Gᵀ X̄}, {@code ∂b_e = 1ᵀG}, {@code ∂b_d = 1ᵀE − W_eᵀ(1ᵀG)}
 * (the pre-bias enters twice: added to the output, subtracted from the input). A step is five
 * matrix products of {@code B × atoms × dim} and two fused elementwise passes over the
 * {@code B × atoms} codes ({@link SaeKernels}), then one fused Adam pass per parameter.
 */
public final class SaeTrainingStep {
  final int dim;
  final int atoms;
  final int maxBatch;
  final float l1;
  final AdamUpdate adam;

  // Parameters: encoder [atoms × dim], encoder bias [atoms], decoder atoms [atoms × dim], pre-bias [dim].
  final float[] we;
  final float[] be;
  final float[] dec;
  final float[] bd;
  // Adam moments.
  final float[] mWe;
  final float[] vWe;
  final float[] mBe;
  final float[] vBe;
  final float[] mDec;
  final float[] vDec;
  final float[] mBd;
  final float[] vBd;
  // Gradients.
  final float[] gWe;
  final float[] gBe;
  final float[] gDec;
  final float[] gBd;
  // Workspace: centred inputs [B × dim], codes [B × atoms], code gradients [B × atoms], reconstructions [B × dim].
  final float[] xbar;
  final float[] codes;
  final float[] codeGrad;
  final float[] recon;
  /** How many rows fired (code > 0) per atom since {@link #resetFired()}. */
  final float[] fired;
  private long t;

  /**
   * A freshly initialised autoencoder, as the reference library initialises it: encoder weights
   * and biases uniform in ±1/√dim (PyTorch's {@code nn.Linear} default), decoder atoms Gaussian
   * then normalised, pre-bias zero.
   *
   * @param dim input dimension
   * @param atoms dictionary size
   * @param maxBatch the largest batch a step will see (sizes the buffers)
   * @param l1 the L1 coefficient λ
   * @param adam the optimiser settings
   * @param init the random stream for the initial weights
   */
  public SaeTrainingStep(int dim, int atoms, int maxBatch, double l1, AdamUpdate adam, SplittableRandom init) {
    if (dim < 1 || atoms < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("sparse autoencoder needs dim, atoms and batch ≥ 1, got " + dim + ", " + atoms + ", " + maxBatch);
    }
    if ((long) maxBatch * atoms > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("batch " + maxBatch + " × " + atoms + " atoms is too large for one buffer; lower the batch size");
    }
    this.dim = dim;
    this.atoms = atoms;
    this.maxBatch = maxBatch;
    this.l1 = (float) l1;
    this.adam = adam;
    int md = atoms * dim;
    we = new float[md];
    be = new float[atoms];
    dec = new float[md];
    bd = new float[dim];
    mWe = new float[md];
    vWe = new float[md];
    mBe = new float[atoms];
    vBe = new float[atoms];
    mDec = new float[md];
    vDec = new float[md];
    mBd = new float[dim];
    vBd = new float[dim];
    gWe = new float[md];
    gBe = new float[atoms];
    gDec = new float[md];
    gBd = new float[dim];
    xbar = new float[maxBatch * dim];
    codes = new float[maxBatch * atoms];
    codeGrad = new float[maxBatch * atoms];
    recon = new float[maxBatch * dim];
    fired = new float[atoms];
    double bound = 1 / Math.sqrt(dim);
    for (int i = 0; i < md; i++) {
      we[i] = (float) ((2 * init.nextDouble() - 1) * bound);
    }
    for (int j = 0; j < atoms; j++) {
      be[j] = (float) ((2 * init.nextDouble() - 1) * bound);
    }
    for (int i = 0; i < md; i++) {
      dec[i] = (float) gaussian(init);
    }
    SaeKernels.normalizeRows(dec, atoms, dim);
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  public int dim() {
    return dim;
  }

  public int atoms() {
    return atoms;
  }

  /** Steps taken so far. */
  public long steps() {
    return t;
  }

  /**
   * One Adam step on the {@code n} rows of {@code x} ({@code [n × dim]} from {@code off});
   * returns the batch loss before the step.
   */
  public double step(float[] x, int off, int n) {
    requireBatch(n);
    centre(x, off, n);
    double loss = gradients(n);
    update();
    return loss;
  }

  /** One Adam step on rows {@code order[start, start + n)} of {@code x}; returns the batch loss before the step. */
  public double step(FloatMatrix x, int[] order, int start, int n) {
    requireBatch(n);
    float[] data = x.data();
    for (int r = 0; r < n; r++) {
      centreRow(data, order[start + r] * dim, r * dim);
    }
    double loss = gradients(n);
    update();
    return loss;
  }

  private void requireBatch(int n) {
    if (n < 1 || n > maxBatch) {
      throw new IllegalArgumentException("batch of " + n + " rows, but this step holds 1 to " + maxBatch);
    }
  }

  void centre(float[] x, int off, int n) {
    for (int r = 0; r < n; r++) {
      centreRow(x, off + r * dim, r * dim);
    }
  }

  private void centreRow(float[] x, int src, int dst) {
    for (int p = 0; p < dim; p++) {
      xbar[dst + p] = x[src + p] - bd[p];
    }
  }

  /** Loss of the centred batch in {@link #xbar}, and every gradient into the {@code g…} buffers. */
  double gradients(int n) {
    int m = atoms;
    int d = dim;
    Kernels.gemm(false, true, n, m, d, 1f, xbar, 0, d, we, 0, d, 0f, codes, 0, m);
    double l1Sum = SaeKernels.biasRelu(codes, 0, n, m, be, fired);
    Kernels.gemm(false, false, n, d, m, 1f, codes, 0, m, dec, 0, d, 0f, recon, 0, d);
    // recon becomes E = (2/n)(x̂ − x); gBd starts as its column sums (the output side of b_d).
    double sse = SaeKernels.reconstructionError(recon, xbar, n, d, 2f / n, gBd);
    Kernels.gemm(false, true, n, m, d, 1f, recon, 0, d, dec, 0, d, 0f, codeGrad, 0, m);
    SaeKernels.maskedGradient(codeGrad, codes, n, m, l1 / n, gBe);
    Kernels.gemm(true, false, m, d, n, 1f, codes, 0, m, recon, 0, d, 0f, gDec, 0, d);
    Kernels.gemm(true, false, m, d, n, 1f, codeGrad, 0, m, xbar, 0, d, 0f, gWe, 0, d);
    // The input side of b_d: x̄ = x − b_d, so ∂b_d −= W_eᵀ·∂b_e.
    Kernels.gemm(false, false, 1, d, m, -1f, gBe, 0, m, we, 0, d, 1f, gBd, 0, d);
    return (sse + l1 * l1Sum) / n;
  }

  private void update() {
    t++;
    adam.step(we, gWe, mWe, vWe, 0, we.length, t);
    adam.step(be, gBe, mBe, vBe, 0, be.length, t);
    adam.step(dec, gDec, mDec, vDec, 0, dec.length, t);
    adam.step(bd, gBd, mBd, vBd, 0, bd.length, t);
    SaeKernels.normalizeRows(dec, atoms, dim);
  }

  /**
   * Per-item loss ({@code ‖x − x̂‖² + λ‖f‖₁}) of {@code n} rows of {@code x}, into {@code out};
   * forward only, firing counts untouched.
   */
  void itemLosses(float[] x, int off, int n, double[] out, int outOff) {
    int m = atoms;
    int d = dim;
    centre(x, off, n);
    Kernels.gemm(false, true, n, m, d, 1f, xbar, 0, d, we, 0, d, 0f, codes, 0, m);
    SaeKernels.biasRelu(codes, 0, n, m, be, null);
    Kernels.gemm(false, false, n, d, m, 1f, codes, 0, m, dec, 0, d, 0f, recon, 0, d);
    for (int r = 0; r < n; r++) {
      double se = 0;
      for (int p = 0; p < d; p++) {
        double e = recon[r * d + p] - xbar[r * d + p];
        se += e * e;
      }
      double a = 0;
      for (int j = 0; j < m; j++) {
        a += codes[r * m + j];
      }
      out[outOff + r] = se + l1 * a;
    }
  }

  /** Sets every firing count to zero. */
  void resetFired() {
    Arrays.fill(fired, 0f);
  }

  /**
   * Re-initialises {@code atoms[i]} from input {@code inputs[i]} (Anthropic's resampling, as the
   * reference's {@code ActivationResampler} does it): decoder atom = the input normalised; encoder
   * row = the same direction scaled to {@code encoderNorm}; encoder bias 0; and the Adam moments
   * of those rows and biases reset to zero.
   */
  void reinitialise(int[] atomIdx, float[][] inputs, float encoderNorm) {
    int d = dim;
    for (int i = 0; i < atomIdx.length; i++) {
      int j = atomIdx[i];
      float[] x = inputs[i];
      double ss = 0;
      for (float v : x) {
        ss += (double) v * v;
      }
      float inv = ss > 0 ? (float) (1 / Math.sqrt(ss)) : 0f;
      for (int p = 0; p < d; p++) {
        dec[j * d + p] = x[p] * inv;
        we[j * d + p] = x[p] * inv * encoderNorm;
      }
      be[j] = 0f;
      Arrays.fill(mWe, j * d, (j + 1) * d, 0f);
      Arrays.fill(vWe, j * d, (j + 1) * d, 0f);
      Arrays.fill(mDec, j * d, (j + 1) * d, 0f);
      Arrays.fill(vDec, j * d, (j + 1) * d, 0f);
      mBe[j] = 0f;
      vBe[j] = 0f;
    }
  }

  /** The L2 norm of encoder row {@code j}. */
  double encoderNorm(int j) {
    double ss = 0;
    for (int p = 0; p < dim; p++) {
      ss += (double) we[j * dim + p] * we[j * dim + p];
    }
    return Math.sqrt(ss);
  }

  /** A snapshot of the current autoencoder as a bottleneck (copies every parameter). */
  public SparseAutoencoderBottleneck bottleneck() {
    return new SparseAutoencoderBottleneck(
        FloatMatrix.wrap(atoms, dim, we.clone()), be.clone(), FloatMatrix.wrap(atoms, dim, dec.clone()), bd.clone());
  }
}
