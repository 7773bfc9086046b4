package dev.glassbox.methods.labo;

/**
 * Settings of LaBo's class–concept association head (Yang et al., "Language in a Bottle: Language
 * Model Guided Concept Bottlenecks for Interpretable Image Classification", CVPR 2023;
 * methods.md §1, "Model and training"). Defaults are those of LaBo's released code unless a
 * parameter says otherwise.
 *
 * @param scale the logit scale {@code s} in {@code logits = s·(x·Tᵀ)·softmax(W)ᵀ}, > 0 and finite.
 *     Default 100, LaBo's (CLIP's logit scale)
 * @param initValue the prior value {@code W[y,c]} for a concept proposed for class {@code y}
 *     (every other entry starts at 0), finite. Default 1, LaBo's {@code init_val}
 * @param learningRate Adam's step size, > 0 and finite. Default 5e-5: LaBo's configs range from
 *     5e-6 to 1e-3 and typically use 1e-5 to 5e-5; the top of the typical range, because its
 *     epoch counts (3k–15k) are meant for hundreds of mini-batches per epoch on real datasets
 * @param epochs passes over the training set, ≥ 1. Default 3000, the low end of LaBo's 3k–15k
 * @param batchSize items per Adam step, ≥ 0; 0 picks {@link #batchSizeFor(int) min(512, ⌈n/5⌉)}.
 *     Default 0: LaBo scales its batch with the shots, from 2 for CIFAR-10 1-shot (10 images,
 *     n/5) to 512 for full data; the rule passes through both points
 * @param validateEvery validation every this many epochs (and after the last), ≥ 1. Default 10,
 *     LaBo's; the best-validation checkpoint is the result
 * @param patience validation checks without a better accuracy after which a checkpoint counts as
 *     converged (and, with {@code earlyStop}, training stops), ≥ 1. Default 10 (100 epochs at the
 *     default schedule); Glassbox's, LaBo has no convergence test
 * @param earlyStop stop once {@code patience} checks pass without a better validation accuracy.
 *     Default false: LaBo runs every epoch and keeps the best checkpoint
 * @param l1 weight of {@code max_y ‖W_y‖₁}, the largest row-L1 norm of the raw association matrix,
 *     ≥ 0. Default 0 (off, as in LaBo's configs); LaBo's value when on is 0.01
 * @param diversity weight of the diversity term, minus the mean over classes of the variance of
 *     the class logits over the batch (population variance), ≥ 0. Default 0 (off, as in LaBo's
 *     configs); LaBo's value when on is 0.005
 * @param beta1 Adam's first-moment decay, in [0, 1). Default 0.9 (PyTorch's)
 * @param beta2 Adam's second-moment decay, in [0, 1). Default 0.999 (PyTorch's)
 * @param adamEpsilon Adam's denominator term, > 0. Default 1e-8 (PyTorch's)
 * @param seed the seed of the mini-batch order. Default 0
 */
public record LaboConfig(
    double scale, double initValue, double learningRate, int epochs, int batchSize, int validateEvery, int patience,
    boolean earlyStop, double l1, double diversity, double beta1, double beta2, double adamEpsilon, long seed) {

  /** LaBo's full-data batch size, the cap of the automatic rule. */
  public static final int MAX_AUTO_BATCH = 512;

  public LaboConfig {
    check(scale > 0 && Double.isFinite(scale), "scale", "> 0 and finite", scale);
    check(Double.isFinite(initValue), "initValue", "finite", initValue);
    check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "> 0 and finite", learningRate);
    check(epochs >= 1, "epochs", "≥ 1", epochs);
    check(batchSize >= 0, "batchSize", "≥ 0 (0 = automatic)", batchSize);
    check(validateEvery >= 1, "validateEvery", "≥ 1", validateEvery);
    check(patience >= 1, "patience", "≥ 1", patience);
    check(l1 >= 0 && Double.isFinite(l1), "l1", "≥ 0 and finite", l1);
    check(diversity >= 0 && Double.isFinite(diversity), "diversity", "≥ 0 and finite", diversity);
    check(beta1 >= 0 && beta1 < 1, "beta1", "in [0, 1)", beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2", "in [0, 1)", beta2);
    check(adamEpsilon > 0 && Double.isFinite(adamEpsilon), "adamEpsilon", "> 0 and finite", adamEpsilon);
  }

  static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("LaBo " + name + " must be " + range + ", got " + value);
    }
  }

  public static LaboConfig defaults() {
    return new LaboConfig(100, 1, 5e-5, 3000, 0, 10, 10, false, 0, 0, 0.9, 0.999, 1e-8, 0L);
  }

  /** The batch size used for {@code n} training items: {@link #batchSize} or the automatic rule. */
  public int batchSizeFor(int n) {
    int b = batchSize > 0 ? batchSize : Math.min(MAX_AUTO_BATCH, (n + 4) / 5);
    return Math.max(1, Math.min(b, n));
  }

  public LaboConfig withScale(double v) {
    return new LaboConfig(v, initValue, learningRate, epochs, batchSize, validateEvery, patience, earlyStop, l1, diversity, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withInitValue(double v) {
    return new LaboConfig(scale, v, learningRate, epochs, batchSize, validateEvery, patience, earlyStop, l1, diversity, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withLearningRate(double v) {
    return new LaboConfig(scale, initValue, v, epochs, batchSize, validateEvery, patience, earlyStop, l1, diversity, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withEpochs(int v) {
    return new LaboConfig(scale, initValue, learningRate, v, batchSize, validateEvery, patience, earlyStop, l1, diversity, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withBatchSize(int v) {
    return new LaboConfig(scale, initValue, learningRate, epochs, v, validateEvery, patience, earlyStop, l1, diversity, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withValidateEvery(int v) {
    return new LaboConfig(scale, initValue, learningRate, epochs, batchSize, v, patience, earlyStop, l1, diversity, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withPatience(int v) {
    return new LaboConfig(scale, initValue, learningRate, epochs, batchSize, validateEvery, v, earlyStop, l1, diversity, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withEarlyStop(boolean v) {
    return new LaboConfig(scale, initValue, learningRate, epochs, batchSize, validateEvery, patience, v, l1, diversity, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withL1(double v) {
    return new LaboConfig(scale, initValue, learningRate, epochs, batchSize, validateEvery, patience, earlyStop, v, diversity, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withDiversity(double v) {
    return new LaboConfig(scale, initValue, learningRate, epochs, batchSize, validateEvery, patience, earlyStop, l1, v, beta1, beta2, adamEpsilon, seed);
  }

  public LaboConfig withSeed(long v) {
    return new LaboConfig(scale, initValue, learningRate, epochs, batchSize, validateEvery, patience, earlyStop, l1, diversity, beta1, beta2, adamEpsilon, v);
  }
}
