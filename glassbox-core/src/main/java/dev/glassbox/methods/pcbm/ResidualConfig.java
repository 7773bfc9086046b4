package dev.glassbox.methods.pcbm;

/**
 * Settings of PCBM-h's residual layer (Post-hoc CBM, {@code train_pcbm_h.py}): a
 * {@code Linear(dim → classes)} on the raw embedding added to the frozen PCBM's logits, trained
 * with Adam on {@code CE + l2·mean(R²)}. Defaults are PCBM's.
 *
 * @param learningRate Adam's learning rate, > 0. Default 1e-2 (PCBM)
 * @param epochs passes over the training split, ≥ 1. Default 20 (PCBM)
 * @param batchSize rows per step, ≥ 1. Default 64 (PCBM)
 * @param l2 the coefficient on the mean squared residual weight (the bias is not penalised), ≥ 0.
 *     Default 1e-3 (PCBM)
 * @param beta1 Adam β₁. Default 0.9 (PyTorch's)
 * @param beta2 Adam β₂. Default 0.999 (PyTorch's)
 * @param epsilon Adam ε. Default 1e-8 (PyTorch's)
 * @param plateauTolerance the convergence test of {@link dev.glassbox.methods.TrainingCurve}, > 0.
 *     Default 0.01 (a Glassbox choice; PCBM trains a fixed number of epochs)
 */
public record ResidualConfig(
    double learningRate, int epochs, int batchSize, double l2, double beta1, double beta2, double epsilon, double plateauTolerance) {

  public ResidualConfig {
    check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "> 0", learningRate);
    check(epochs >= 1, "epochs", "≥ 1", epochs);
    check(batchSize >= 1, "batchSize", "≥ 1", batchSize);
    check(l2 >= 0 && Double.isFinite(l2), "l2", "≥ 0", l2);
    check(beta1 >= 0 && beta1 < 1, "beta1", "in [0, 1)", beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2", "in [0, 1)", beta2);
    check(epsilon > 0, "epsilon", "> 0", epsilon);
    check(plateauTolerance > 0, "plateauTolerance", "> 0", plateauTolerance);
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("PCBM-h residual " + name + " must be " + range + ", got " + value);
    }
  }

  public static ResidualConfig defaults() {
    return new ResidualConfig(1e-2, 20, 64, 1e-3, 0.9, 0.999, 1e-8, 0.01);
  }

  public ResidualConfig withLearningRate(double v) {
    return new ResidualConfig(v, epochs, batchSize, l2, beta1, beta2, epsilon, plateauTolerance);
  }

  public ResidualConfig withEpochs(int v) {
    return new ResidualConfig(learningRate, v, batchSize, l2, beta1, beta2, epsilon, plateauTolerance);
  }

  public ResidualConfig withBatchSize(int v) {
    return new ResidualConfig(learningRate, epochs, v, l2, beta1, beta2, epsilon, plateauTolerance);
  }

  public ResidualConfig withL2(double v) {
    return new ResidualConfig(learningRate, epochs, batchSize, v, beta1, beta2, epsilon, plateauTolerance);
  }
}
