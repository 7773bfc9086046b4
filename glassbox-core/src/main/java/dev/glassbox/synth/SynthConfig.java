package dev.glassbox.synth;

/**
 * Settings of the synthetic embedding world: concepts are directions, each class is a sparse set
 * of true concepts, items are noisy mixtures of their class's concepts plus a few distractors, and
 * image and concept embeddings sit apart by a modality gap, as CLIP's do.
 *
 * @param classes number of classes, ≥ 2
 * @param concepts number of concepts, ≥ minTruePerClass; ≥ classes·minTruePerClass is not required (classes share)
 * @param items number of items, ≥ 3·classes
 * @param dim embedding dimension, ≥ 2
 * @param seed root seed
 * @param minTruePerClass fewest true concepts per class, ≥ 1. Default 3
 * @param maxTruePerClass most true concepts per class, ≥ minTruePerClass. Default 5, or every concept when
 *     there are fewer
 * @param presence chance that an item shows each of its class's true concepts, (0, 1]. Default 0.85
 * @param distractorRate chance that an item shows each other concept, [0, 1). Default 0.01
 * @param noise norm of the isotropic Gaussian noise added to each item, ≥ 0 and finite. Default 0.9
 * @param modalityGap norm of the offset between the image and the text embedding cones, ≥ 0 and finite. Default 1.0
 * @param textNoise norm of the noise on each concept's text embedding, ≥ 0 and finite. Default 0.1
 * @param valFraction share of each class for validation. Default 0.15
 * @param testFraction share of each class for test. Default 0.15
 */
public record SynthConfig(
    int classes, int concepts, int items, int dim, long seed,
    int minTruePerClass, int maxTruePerClass, double presence, double distractorRate,
    double noise, double modalityGap, double textNoise, double valFraction, double testFraction) {

  public SynthConfig {
    check(classes >= 2, "classes", "≥ 2", classes);
    check(concepts >= 1, "concepts", "≥ 1", concepts);
    check(dim >= 2, "dim", "≥ 2", dim);
    check(items >= 3 * classes, "items", "≥ 3 × classes (" + 3 * classes + ")", items);
    check(minTruePerClass >= 1 && minTruePerClass <= concepts, "minTruePerClass", "in [1, concepts (" + concepts + ")]", minTruePerClass);
    check(maxTruePerClass >= minTruePerClass && maxTruePerClass <= concepts, "maxTruePerClass",
        "in [minTruePerClass (" + minTruePerClass + "), concepts (" + concepts + ")]", maxTruePerClass);
    check(presence > 0 && presence <= 1, "presence", "in (0, 1]", presence);
    check(distractorRate >= 0 && distractorRate < 1, "distractorRate", "in [0, 1)", distractorRate);
    check(noise >= 0 && Double.isFinite(noise), "noise", "≥ 0 and finite", noise);
    check(modalityGap >= 0 && Double.isFinite(modalityGap), "modalityGap", "≥ 0 and finite", modalityGap);
    check(textNoise >= 0 && Double.isFinite(textNoise), "textNoise", "≥ 0 and finite", textNoise);
    check(valFraction >= 0 && testFraction >= 0 && valFraction + testFraction < 1, "valFraction + testFraction", "in [0, 1)", valFraction + testFraction);
  }

  private static void check(boolean ok, String name, String range, Object v) {
    if (!ok) {
      throw new IllegalArgumentException("synth " + name + " must be " + range + ", got " + v);
    }
  }

  /** Fewest true concepts per class of {@link #of}. */
  public static final int DEFAULT_MIN_TRUE_PER_CLASS = 3;
  /** Most true concepts per class of {@link #of}, when there are as many concepts. */
  public static final int DEFAULT_MAX_TRUE_PER_CLASS = 5;

  /**
   * The defaults for a given size: each class has 3 to 5 true concepts (at most {@code concepts}).
   *
   * @throws IllegalArgumentException naming {@code concepts} when it is below 3
   */
  public static SynthConfig of(int classes, int concepts, int items, int dim, long seed) {
    if (concepts < DEFAULT_MIN_TRUE_PER_CLASS) {
      throw new IllegalArgumentException("synth concepts must be ≥ " + DEFAULT_MIN_TRUE_PER_CLASS + " (every class has "
          + DEFAULT_MIN_TRUE_PER_CLASS + " to " + DEFAULT_MAX_TRUE_PER_CLASS + " true concepts), got " + concepts);
    }
    return new SynthConfig(classes, concepts, items, dim, seed, DEFAULT_MIN_TRUE_PER_CLASS, Math.min(DEFAULT_MAX_TRUE_PER_CLASS, concepts),
        0.85, 0.01, 0.9, 1.0, 0.1, 0.15, 0.15);
  }

  public SynthConfig withNoise(double v) {
    return new SynthConfig(classes, concepts, items, dim, seed, minTruePerClass, maxTruePerClass, presence, distractorRate, v, modalityGap, textNoise, valFraction, testFraction);
  }

  public SynthConfig withTruePerClass(int min, int max) {
    return new SynthConfig(classes, concepts, items, dim, seed, min, max, presence, distractorRate, noise, modalityGap, textNoise, valFraction, testFraction);
  }
}
