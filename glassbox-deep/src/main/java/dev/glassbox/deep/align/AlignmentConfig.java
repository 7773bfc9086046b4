package dev.glassbox.deep.align;

/**
 * Settings of the {@link AlignmentTrainer}. Every setting that changes the trained weights is
 * here; the same config, data and seed give the same weights on the same platform.
 *
 * @param epochs passes over the training images, in [1, 10 000]. Default 20
 * @param batchSize image–caption pairs per step (the contrastive loss's in-batch negatives), in
 *     [2, 65 536]. Default 128: CLIP (Radford et al., 2021) uses 32 768, but on a few thousand
 *     images of a few dozen species a larger batch mostly adds duplicate captions
 * @param learningRate peak AdamW learning rate, in (0, 1]. Default 1e-3, the usual Adam rate for a
 *     small CNN trained from scratch (CLIP's 5e-4 is for its much larger towers)
 * @param weightDecay decoupled weight decay (Loshchilov and Hutter, "Decoupled weight decay
 *     regularization", 2019) on convolution and projection weights (not on batch-norm parameters,
 *     biases or the temperature, as CLIP's code excludes them), in [0, 1). Default 0.05
 * @param warmupFraction share of all steps over which the learning rate rises linearly from 0 to
 *     its peak before a cosine decay to 0 (CLIP's schedule), in [0, 0.5]. Default 0.05
 * @param beta1 AdamW's first-moment decay, in [0, 1). Default 0.9 (CLIP)
 * @param beta2 AdamW's second-moment decay, in [0, 1). Default 0.98 (CLIP, for stability with
 *     large logit scales)
 * @param adamEpsilon AdamW's denominator term, > 0. Default 1e-6 (CLIP)
 * @param initialTemperature the softmax temperature τ at the start (logits are
 *     {@code cos / τ}), in (0, 1]. Default 0.07, CLIP's initialisation
 * @param learnTemperature whether τ is learned (CLIP, LiT) or fixed at its initial value. Default true
 * @param maxLogitScale the largest {@code 1/τ} reached when learning τ, in [1, 1000]. Default 100,
 *     CLIP's clamp
 * @param batchNormMomentum weight of the newest batch in batch norm's running statistics, in (0, 1).
 *     Default 0.1 (PyTorch's)
 * @param batchNormEpsilon batch norm's variance offset, > 0. Default 1e-5 (PyTorch's)
 * @param augment whether training images are augmented (horizontal flip, shift, brightness and
 *     contrast jitter; never hue, so that colour words keep their meaning). Default true
 * @param maxShift largest shift in pixels, per axis, of an augmented image (uncovered pixels repeat
 *     the edge), in [0, 64]. Default 8 (1/16 of a 128-pixel image)
 * @param brightness largest brightness offset, as a share of full scale, in [0, 0.5]. Default 0.08
 * @param contrast largest relative contrast change, in [0, 0.5]. Default 0.1
 * @param seed root of every random choice: initial weights, epoch orders, caption draws and
 *     augmentations. Default 0
 */
public record AlignmentConfig(
    int epochs, int batchSize, double learningRate, double weightDecay, double warmupFraction,
    double beta1, double beta2, double adamEpsilon,
    double initialTemperature, boolean learnTemperature, double maxLogitScale,
    double batchNormMomentum, double batchNormEpsilon,
    boolean augment, int maxShift, double brightness, double contrast, long seed) {

  public AlignmentConfig {
    check(epochs >= 1 && epochs <= 10_000, "epochs", "in [1, 10000]", epochs);
    check(batchSize >= 2 && batchSize <= 65_536, "batchSize", "in [2, 65536]", batchSize);
    check(learningRate > 0 && learningRate <= 1, "learningRate", "in (0, 1]", learningRate);
    check(weightDecay >= 0 && weightDecay < 1, "weightDecay", "in [0, 1)", weightDecay);
    check(warmupFraction >= 0 && warmupFraction <= 0.5, "warmupFraction", "in [0, 0.5]", warmupFraction);
    check(beta1 >= 0 && beta1 < 1, "beta1", "in [0, 1)", beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2", "in [0, 1)", beta2);
    check(adamEpsilon > 0, "adamEpsilon", "> 0", adamEpsilon);
    check(initialTemperature > 0 && initialTemperature <= 1, "initialTemperature", "in (0, 1]", initialTemperature);
    check(maxLogitScale >= 1 && maxLogitScale <= 1000, "maxLogitScale", "in [1, 1000]", maxLogitScale);
    check(1 / initialTemperature <= maxLogitScale, "initialTemperature", "≥ 1/maxLogitScale = " + 1 / maxLogitScale,
        initialTemperature);
    check(batchNormMomentum > 0 && batchNormMomentum < 1, "batchNormMomentum", "in (0, 1)", batchNormMomentum);
    check(batchNormEpsilon > 0, "batchNormEpsilon", "> 0", batchNormEpsilon);
    check(maxShift >= 0 && maxShift <= 64, "maxShift", "in [0, 64]", maxShift);
    check(brightness >= 0 && brightness <= 0.5, "brightness", "in [0, 0.5]", brightness);
    check(contrast >= 0 && contrast <= 0.5, "contrast", "in [0, 0.5]", contrast);
  }

  private static void check(boolean ok, String name, String range, Object v) {
    if (!ok) {
      throw new IllegalArgumentException("alignment " + name + " must be " + range + ", got " + v);
    }
  }

  public static AlignmentConfig defaults() {
    return new AlignmentConfig(20, 128, 1e-3, 0.05, 0.05, 0.9, 0.98, 1e-6, 0.07, true, 100, 0.1, 1e-5, true, 8, 0.08, 0.1, 0L);
  }

  public AlignmentConfig withEpochs(int v) {
    return new AlignmentConfig(v, batchSize, learningRate, weightDecay, warmupFraction, beta1, beta2, adamEpsilon,
        initialTemperature, learnTemperature, maxLogitScale, batchNormMomentum, batchNormEpsilon, augment, maxShift, brightness,
        contrast, seed);
  }

  public AlignmentConfig withBatchSize(int v) {
    return new AlignmentConfig(epochs, v, learningRate, weightDecay, warmupFraction, beta1, beta2, adamEpsilon,
        initialTemperature, learnTemperature, maxLogitScale, batchNormMomentum, batchNormEpsilon, augment, maxShift, brightness,
        contrast, seed);
  }

  public AlignmentConfig withLearningRate(double v) {
    return new AlignmentConfig(epochs, batchSize, v, weightDecay, warmupFraction, beta1, beta2, adamEpsilon,
        initialTemperature, learnTemperature, maxLogitScale, batchNormMomentum, batchNormEpsilon, augment, maxShift, brightness,
        contrast, seed);
  }

  public AlignmentConfig withWeightDecay(double v) {
    return new AlignmentConfig(epochs, batchSize, learningRate, v, warmupFraction, beta1, beta2, adamEpsilon,
        initialTemperature, learnTemperature, maxLogitScale, batchNormMomentum, batchNormEpsilon, augment, maxShift, brightness,
        contrast, seed);
  }

  public AlignmentConfig withWarmupFraction(double v) {
    return new AlignmentConfig(epochs, batchSize, learningRate, weightDecay, v, beta1, beta2, adamEpsilon,
        initialTemperature, learnTemperature, maxLogitScale, batchNormMomentum, batchNormEpsilon, augment, maxShift, brightness,
        contrast, seed);
  }

  public AlignmentConfig withTemperature(double initial, boolean learn) {
    return new AlignmentConfig(epochs, batchSize, learningRate, weightDecay, warmupFraction, beta1, beta2, adamEpsilon,
        initial, learn, maxLogitScale, batchNormMomentum, batchNormEpsilon, augment, maxShift, brightness, contrast, seed);
  }

  public AlignmentConfig withMaxLogitScale(double v) {
    return new AlignmentConfig(epochs, batchSize, learningRate, weightDecay, warmupFraction, beta1, beta2, adamEpsilon,
        initialTemperature, learnTemperature, v, batchNormMomentum, batchNormEpsilon, augment, maxShift, brightness, contrast,
        seed);
  }

  public AlignmentConfig withAugment(boolean v) {
    return new AlignmentConfig(epochs, batchSize, learningRate, weightDecay, warmupFraction, beta1, beta2, adamEpsilon,
        initialTemperature, learnTemperature, maxLogitScale, batchNormMomentum, batchNormEpsilon, v, maxShift, brightness,
        contrast, seed);
  }

  public AlignmentConfig withAugmentation(int shift, double brightnessJitter, double contrastJitter) {
    return new AlignmentConfig(epochs, batchSize, learningRate, weightDecay, warmupFraction, beta1, beta2, adamEpsilon,
        initialTemperature, learnTemperature, maxLogitScale, batchNormMomentum, batchNormEpsilon, augment, shift,
        brightnessJitter, contrastJitter, seed);
  }

  public AlignmentConfig withSeed(long v) {
    return new AlignmentConfig(epochs, batchSize, learningRate, weightDecay, warmupFraction, beta1, beta2, adamEpsilon,
        initialTemperature, learnTemperature, maxLogitScale, batchNormMomentum, batchNormEpsilon, augment, maxShift, brightness,
        contrast, v);
  }
}
