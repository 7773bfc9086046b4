package dev.glassbox.world;

/**
 * Settings of a generated concept world. Every setting that changes the images or the ground
 * truth is here; two worlds with equal configs are identical, pixel for pixel and byte for byte.
 *
 * @param seed root seed of every random choice (species traits, poses, backgrounds, occluders,
 *     splits, field guide). Default 1
 * @param species number of species, the first ones of {@link SpeciesCatalog}; in [2, 24]. Default
 *     24 (CUB-200 has 200; 24 keeps the default demo within its time budget)
 * @param imagesPerSpecies images drawn per species, in [3, 100 000]. Default 80, close to the ~60
 *     images per class of CUB-200 plus room for a test split
 * @param imageSize width and height of each image in pixels, in [64, 1024]. Default 128
 * @param valFraction share of each species' images in the validation split, in [0, 1). Default 0.1
 * @param testFraction share of each species' images in the test split, in [0, 1), with
 *     valFraction + testFraction below 1. Default 0.2
 * @param occlusionRate chance that an image has a foreground occluder (leaves or a twig), in
 *     [0, 1]. Default 0.3
 * @param flyingRate chance that a bird is drawn in flight rather than perched, in [0, 1].
 *     Default 0.2
 */
public record WorldConfig(
    long seed, int species, int imagesPerSpecies, int imageSize,
    double valFraction, double testFraction, double occlusionRate, double flyingRate) {

  /** The largest supported image side. */
  public static final int MAX_IMAGE_SIZE = 1024;
  /** The smallest supported image side: below it a small bird's eye is under one pixel. */
  public static final int MIN_IMAGE_SIZE = 64;

  public WorldConfig {
    check(species >= 2 && species <= SpeciesCatalog.size(), "species", "in [2, " + SpeciesCatalog.size() + "]", species);
    check(imagesPerSpecies >= 3 && imagesPerSpecies <= 100_000, "imagesPerSpecies", "in [3, 100000]", imagesPerSpecies);
    check(imageSize >= MIN_IMAGE_SIZE && imageSize <= MAX_IMAGE_SIZE, "imageSize", "in [" + MIN_IMAGE_SIZE + ", " + MAX_IMAGE_SIZE + "]", imageSize);
    check(valFraction >= 0 && valFraction < 1, "valFraction", "in [0, 1)", valFraction);
    check(testFraction >= 0 && testFraction < 1, "testFraction", "in [0, 1)", testFraction);
    check(valFraction + testFraction < 1, "valFraction + testFraction", "below 1", valFraction + testFraction);
    check(occlusionRate >= 0 && occlusionRate <= 1, "occlusionRate", "in [0, 1]", occlusionRate);
    check(flyingRate >= 0 && flyingRate <= 1, "flyingRate", "in [0, 1]", flyingRate);
  }

  private static void check(boolean ok, String name, String range, Object v) {
    if (!ok) {
      throw new IllegalArgumentException("world " + name + " must be " + range + ", got " + v);
    }
  }

  /** The default world: 24 species × 80 images of 128 × 128, seed 1. */
  public static WorldConfig defaults() {
    return new WorldConfig(1L, 24, 80, 128, 0.1, 0.2, 0.3, 0.2);
  }

  public WorldConfig withSeed(long v) {
    return new WorldConfig(v, species, imagesPerSpecies, imageSize, valFraction, testFraction, occlusionRate, flyingRate);
  }

  public WorldConfig withSpecies(int v) {
    return new WorldConfig(seed, v, imagesPerSpecies, imageSize, valFraction, testFraction, occlusionRate, flyingRate);
  }

  public WorldConfig withImagesPerSpecies(int v) {
    return new WorldConfig(seed, species, v, imageSize, valFraction, testFraction, occlusionRate, flyingRate);
  }

  public WorldConfig withImageSize(int v) {
    return new WorldConfig(seed, species, imagesPerSpecies, v, valFraction, testFraction, occlusionRate, flyingRate);
  }

  public WorldConfig withSplitFractions(double val, double test) {
    return new WorldConfig(seed, species, imagesPerSpecies, imageSize, val, test, occlusionRate, flyingRate);
  }

  public WorldConfig withOcclusionRate(double v) {
    return new WorldConfig(seed, species, imagesPerSpecies, imageSize, valFraction, testFraction, v, flyingRate);
  }

  public WorldConfig withFlyingRate(double v) {
    return new WorldConfig(seed, species, imagesPerSpecies, imageSize, valFraction, testFraction, occlusionRate, v);
  }

  /** The number of images: species × imagesPerSpecies. */
  public int images() {
    return species * imagesPerSpecies;
  }
}
