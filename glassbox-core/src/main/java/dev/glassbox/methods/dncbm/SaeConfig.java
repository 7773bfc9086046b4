package dev.glassbox.methods.dncbm;

/**
 * Settings of Discover-then-Name's sparse autoencoder (Rao et al., ECCV 2024), defaults from the
 * DN-CBM README (the settings of its released checkpoints); {@link #argparse()} gives the
 * alternative defaults of its {@code arg_parser.py}.
 *
 * @param expansion atoms per input dimension, ≥ 1 (the dictionary has {@code expansion × dim}
 *     atoms). Default 8 (README: 512 → 4096 for ViT-B/16); argparse 4
 * @param l1 the L1 coefficient λ on the codes, ≥ 0. Default 3e-5 (README); argparse 3e-4
 * @param learningRate Adam's learning rate, > 0. Default 5e-4 (README); argparse 1e-4
 * @param batchSize rows per step, ≥ 1. Default 4096 (README)
 * @param epochs passes over the data, ≥ 1. Default 200 (README, over ~3M CC3M images; small data
 *     sets need more epochs for the same number of steps)
 * @param beta1 Adam β₁ in [0, 1). Default 0.9 (README)
 * @param beta2 Adam β₂ in [0, 1). Default 0.999 (README)
 * @param epsilon Adam ε > 0. Default 1e-8 (PyTorch's, as the reference passes it)
 * @param resample whether dead atoms are resampled. Default true (the reference's
 *     {@code ActivationResampler})
 * @param resampleEvery epochs between resamplings, ≥ 1; activity is collected over those epochs.
 *     Default 10 (README). As in the reference pipeline, no resampling happens once fewer than
 *     this many epochs remain
 * @param deadThreshold an atom is dead when it fired on at most this share of the rows seen since
 *     the last resampling, in [0, 1). Default 0 (the reference resampler's default: never fired)
 * @param resampleSize inputs whose loss decides where atoms are re-seeded, ≥ 1 (capped at the
 *     data size). Default 819,200 (README)
 * @param plateauTolerance the fit counts as converged when the mean training loss of the last
 *     tenth of the epochs is within this relative change of the tenth before, > 0. Default 0.01
 *     (a Glassbox choice: the reference trains a fixed number of epochs and reports no such test)
 */
public record SaeConfig(
    int expansion, double l1, double learningRate, int batchSize, int epochs,
    double beta1, double beta2, double epsilon,
    boolean resample, int resampleEvery, double deadThreshold, int resampleSize,
    double plateauTolerance) {

  public SaeConfig {
    check(expansion >= 1, "expansion", "≥ 1", expansion);
    check(l1 >= 0 && Double.isFinite(l1), "l1", "≥ 0", l1);
    check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "> 0", learningRate);
    check(batchSize >= 1, "batchSize", "≥ 1", batchSize);
    check(epochs >= 1, "epochs", "≥ 1", epochs);
    check(beta1 >= 0 && beta1 < 1, "beta1", "in [0, 1)", beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2", "in [0, 1)", beta2);
    check(epsilon > 0, "epsilon", "> 0", epsilon);
    check(resampleEvery >= 1, "resampleEvery", "≥ 1", resampleEvery);
    check(deadThreshold >= 0 && deadThreshold < 1, "deadThreshold", "in [0, 1)", deadThreshold);
    check(resampleSize >= 1, "resampleSize", "≥ 1", resampleSize);
    check(plateauTolerance > 0, "plateauTolerance", "> 0", plateauTolerance);
  }

  static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("sparse autoencoder " + name + " must be " + range + ", got " + value);
    }
  }

  /** The DN-CBM README's settings (its released checkpoints). */
  public static SaeConfig defaults() {
    return new SaeConfig(8, 3e-5, 5e-4, 4096, 200, 0.9, 0.999, 1e-8, true, 10, 0.0, 819_200, 0.01);
  }

  /** DN-CBM's {@code arg_parser.py} defaults: lr 1e-4, λ 3e-4, expansion 4; the rest as the README. */
  public static SaeConfig argparse() {
    return defaults().withExpansion(4).withL1(3e-4).withLearningRate(1e-4);
  }

  public SaeConfig withExpansion(int v) {
    return new SaeConfig(v, l1, learningRate, batchSize, epochs, beta1, beta2, epsilon, resample, resampleEvery, deadThreshold, resampleSize, plateauTolerance);
  }

  public SaeConfig withL1(double v) {
    return new SaeConfig(expansion, v, learningRate, batchSize, epochs, beta1, beta2, epsilon, resample, resampleEvery, deadThreshold, resampleSize, plateauTolerance);
  }

  public SaeConfig withLearningRate(double v) {
    return new SaeConfig(expansion, l1, v, batchSize, epochs, beta1, beta2, epsilon, resample, resampleEvery, deadThreshold, resampleSize, plateauTolerance);
  }

  public SaeConfig withBatchSize(int v) {
    return new SaeConfig(expansion, l1, learningRate, v, epochs, beta1, beta2, epsilon, resample, resampleEvery, deadThreshold, resampleSize, plateauTolerance);
  }

  public SaeConfig withEpochs(int v) {
    return new SaeConfig(expansion, l1, learningRate, batchSize, v, beta1, beta2, epsilon, resample, resampleEvery, deadThreshold, resampleSize, plateauTolerance);
  }

  public SaeConfig withResample(boolean v) {
    return new SaeConfig(expansion, l1, learningRate, batchSize, epochs, beta1, beta2, epsilon, v, resampleEvery, deadThreshold, resampleSize, plateauTolerance);
  }

  public SaeConfig withResampleEvery(int v) {
    return new SaeConfig(expansion, l1, learningRate, batchSize, epochs, beta1, beta2, epsilon, resample, v, deadThreshold, resampleSize, plateauTolerance);
  }

  public SaeConfig withDeadThreshold(double v) {
    return new SaeConfig(expansion, l1, learningRate, batchSize, epochs, beta1, beta2, epsilon, resample, resampleEvery, v, resampleSize, plateauTolerance);
  }

  public SaeConfig withResampleSize(int v) {
    return new SaeConfig(expansion, l1, learningRate, batchSize, epochs, beta1, beta2, epsilon, resample, resampleEvery, deadThreshold, v, plateauTolerance);
  }

  public SaeConfig withPlateauTolerance(double v) {
    return new SaeConfig(expansion, l1, learningRate, batchSize, epochs, beta1, beta2, epsilon, resample, resampleEvery, deadThreshold, resampleSize, v);
  }
}
