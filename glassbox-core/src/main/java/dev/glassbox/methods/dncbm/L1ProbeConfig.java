package dev.glassbox.methods.dncbm;

/**
 * Settings of Discover-then-Name's probe: a linear layer without bias on the SAE codes, trained
 * with Adam on {@code CE + λ·mean|W|} (DN-CBM {@code train_linear_probe.py}). Defaults are the
 * released configs; {@link #readmeExample()} is the README's example command.
 *
 * @param learningRate Adam's learning rate, > 0. Default 1e-3 (released configs for ImageNet,
 *     Places365, CIFAR-10; CIFAR-100 uses 1e-2); README example 1e-2
 * @param l1 λ on the mean absolute weight, ≥ 0. Default 1.0 (released configs); README example 0.1
 * @param batchSize rows per step, ≥ 1. Default 512 (DN-CBM)
 * @param epochs passes over the training split, ≥ 1. Default 200 (DN-CBM)
 * @param beta1 Adam β₁ in [0, 1). Default 0.9 (PyTorch's)
 * @param beta2 Adam β₂ in [0, 1). Default 0.999 (PyTorch's)
 * @param epsilon Adam ε > 0. Default 1e-8 (PyTorch's)
 * @param plateauTolerance the convergence test of {@link dev.glassbox.methods.TrainingCurve}, > 0.
 *     Default 0.01 (a Glassbox choice; DN-CBM trains a fixed number of epochs)
 */
public record L1ProbeConfig(
    double learningRate, double l1, int batchSize, int epochs, double beta1, double beta2, double epsilon, double plateauTolerance) {

  public L1ProbeConfig {
    check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "> 0", learningRate);
    check(l1 >= 0 && Double.isFinite(l1), "l1", "≥ 0", l1);
    check(batchSize >= 1, "batchSize", "≥ 1", batchSize);
    check(epochs >= 1, "epochs", "≥ 1", epochs);
    check(beta1 >= 0 && beta1 < 1, "beta1", "in [0, 1)", beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2", "in [0, 1)", beta2);
    check(epsilon > 0, "epsilon", "> 0", epsilon);
    check(plateauTolerance > 0, "plateauTolerance", "> 0", plateauTolerance);
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("L1 probe " + name + " must be " + range + ", got " + value);
    }
  }

  /** DN-CBM's released configs: lr 1e-3, λ 1.0, batch 512, 200 epochs. */
  public static L1ProbeConfig defaults() {
    return new L1ProbeConfig(1e-3, 1.0, 512, 200, 0.9, 0.999, 1e-8, 0.01);
  }

  /** DN-CBM's README example: lr 1e-2, λ 0.1. */
  public static L1ProbeConfig readmeExample() {
    return defaults().withLearningRate(1e-2).withL1(0.1);
  }

  public L1ProbeConfig withLearningRate(double v) {
    return new L1ProbeConfig(v, l1, batchSize, epochs, beta1, beta2, epsilon, plateauTolerance);
  }

  public L1ProbeConfig withL1(double v) {
    return new L1ProbeConfig(learningRate, v, batchSize, epochs, beta1, beta2, epsilon, plateauTolerance);
  }

  public L1ProbeConfig withBatchSize(int v) {
    return new L1ProbeConfig(learningRate, l1, v, epochs, beta1, beta2, epsilon, plateauTolerance);
  }

  public L1ProbeConfig withEpochs(int v) {
    return new L1ProbeConfig(learningRate, l1, batchSize, v, beta1, beta2, epsilon, plateauTolerance);
  }
}
