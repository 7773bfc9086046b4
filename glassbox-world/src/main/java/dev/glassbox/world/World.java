package dev.glassbox.world;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.GroundTruth;
import dev.glassbox.data.Split;
import dev.glassbox.data.Splits;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A generated concept world: species, concepts, one {@link ImageSpec} per image, stratified splits
 * and a field guide, all decided from {@link WorldConfig#seed()}. Generating is cheap (no pixels);
 * {@link #render(int)} draws an image on demand, so later stages can stream images without disk,
 * and {@link WorldExporter} writes them all.
 *
 * <p>Randomness: the root seed is split, in this order, into the per-image stream (one
 * {@code nextLong} per image, in index order, seeds that image's own generator), the split stream
 * and the field-guide stream. Each image's generator is split, in order, into trait, pose and
 * scene streams, then draws its detail seed. Image {@code i} therefore depends only on
 * {@code (seed, i)} and the config, never on which thread draws it or in what order.
 *
 * <p>Images are ordered by species: image {@code i} belongs to species
 * {@code i / imagesPerSpecies}.
 */
public final class World {
  private final WorldConfig config;
  private final List<Species> species;
  private final List<WorldConcept> concepts;
  private final ImageSpec[] specs;
  private final FieldGuide fieldGuide;
  private final BirdRenderer renderer;

  private World(WorldConfig config, List<Species> species, List<WorldConcept> concepts, ImageSpec[] specs, FieldGuide fieldGuide) {
    this.config = config;
    this.species = species;
    this.concepts = concepts;
    this.specs = specs;
    this.fieldGuide = fieldGuide;
    this.renderer = new BirdRenderer(config.imageSize());
  }

  /** Decides every image of the world described by {@code config}. */
  public static World generate(WorldConfig config) {
    Objects.requireNonNull(config, "world config");
    List<Species> species = SpeciesCatalog.all().subList(0, config.species());
    List<WorldConcept> concepts = ConceptCatalog.all();
    SplittableRandom root = new SplittableRandom(config.seed());
    SplittableRandom imageRoot = root.split();
    long splitSeed = root.split().nextLong();
    SplittableRandom guideRnd = root.split();

    int n = config.images();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i / config.imagesPerSpecies();
    }
    Split[] splits = Splits.stratified(labels, config.species(), config.valFraction(), config.testFraction(), splitSeed);
    ImageSpec[] specs = new ImageSpec[n];
    Background[] backgrounds = Background.values();
    for (int i = 0; i < n; i++) {
      SplittableRandom ir = new SplittableRandom(imageRoot.nextLong());
      SplittableRandom traitRnd = ir.split();
      SplittableRandom poseRnd = ir.split();
      SplittableRandom sceneRnd = ir.split();
      long detailSeed = ir.nextLong();
      Traits traits = species.get(labels[i]).sample(traitRnd);
      boolean facingLeft = poseRnd.nextBoolean();
      boolean flying = poseRnd.nextDouble() < config.flyingRate();
      double tilt = (poseRnd.nextDouble() * 2 - 1) * 12;
      double scale = 0.92 + 0.16 * poseRnd.nextDouble();
      Pose pose = new Pose(facingLeft, flying, tilt, scale, poseRnd.nextDouble(), poseRnd.nextDouble());
      Background bg = backgrounds[sceneRnd.nextInt(backgrounds.length)];
      boolean occluded = sceneRnd.nextDouble() < config.occlusionRate();
      boolean twig = sceneRnd.nextBoolean();
      Occluder occ = !occluded ? Occluder.NONE : twig ? Occluder.TWIG : Occluder.LEAVES;
      specs[i] = new ImageSpec(i, labels[i], splits[i], traits, pose, bg, occ, detailSeed);
    }
    FieldGuide guide = FieldGuide.write(species, concepts, guideRnd);
    return new World(config, List.copyOf(species), concepts, specs, guide);
  }

  public WorldConfig config() {
    return config;
  }

  /** The species, in label order. */
  public List<Species> species() {
    return species;
  }

  /** The species' names, in label order (the dataset's class names). */
  public List<String> speciesNames() {
    List<String> out = new ArrayList<>(species.size());
    species.forEach(s -> out.add(s.name()));
    return out;
  }

  /** The world's visual concepts, in catalogue order. */
  public List<WorldConcept> worldConcepts() {
    return concepts;
  }

  /** The concepts as a core concept set: source "world", metadata part, attribute, value. */
  public ConceptSet concepts() {
    return ConceptCatalog.conceptSet();
  }

  /** The number of images. */
  public int size() {
    return specs.length;
  }

  /** Everything decided about image {@code i} before drawing it. */
  public ImageSpec spec(int i) {
    return specs[checkIndex(i)];
  }

  /** The item id of image {@code i}: {@code <species slug>/<number within species, 4 digits>}. */
  public String imageId(int i) {
    checkIndex(i);
    int s = i / config.imagesPerSpecies();
    return species.get(s).slug() + "/" + String.format(Locale.ROOT, "%04d", i % config.imagesPerSpecies());
  }

  /** Species index per image. */
  public int[] labels() {
    int[] out = new int[specs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = specs[i].species();
    }
    return out;
  }

  /** Split per image. */
  public Split[] splits() {
    Split[] out = new Split[specs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = specs[i].split();
    }
    return out;
  }

  /** The indices of the concepts image {@code i} shows, ascending. */
  public int[] presentConcepts(int i) {
    Traits t = spec(i).traits();
    return IntStream.range(0, concepts.size()).filter(k -> concepts.get(k).presentIn(t)).toArray();
  }

  /** Draws image {@code i} with its part map and full ground truth. Thread-safe. */
  public RenderedBird render(int i) {
    ImageSpec spec = spec(i);
    BirdRenderer.Result r = renderer.render(spec);
    ImageRecord rec = new ImageRecord(i, imageId(i), spec.species(), spec.split(), presentConcepts(i),
        r.partPixels(), r.visiblePixels(), r.bodyLengthPixels(), spec);
    return new RenderedBird(r.image(), r.labels(), rec);
  }

  /** The field guide: several sentences per species with their ground truth. */
  public FieldGuide fieldGuide() {
    return fieldGuide;
  }

  /** A caption generator over this world's concepts (canonical phrases only). */
  public CaptionGenerator captions() {
    return new CaptionGenerator(concepts);
  }

  /**
   * {@code count} captions of image {@code i}, seeded by {@code (seed, i)}; shorthand for
   * {@code captions().captions(this, i, count, seed)}.
   */
  public List<Caption> captions(int i, int count, long seed) {
    return captions().captions(this, i, count, seed);
  }

  /** {@code [species × concepts]}: the probability that a bird of each species shows each concept. */
  public FloatMatrix speciesConceptProbabilities() {
    FloatMatrix m = FloatMatrix.zeros(species.size(), concepts.size());
    for (int s = 0; s < species.size(); s++) {
      double[] p = species.get(s).conceptProbabilities(concepts);
      for (int k = 0; k < p.length; k++) {
        m.set(s, k, (float) p[k]);
      }
    }
    return m;
  }

  /**
   * The world's truth in core form: a species' true concepts are those with probability ≥
   * {@code threshold} in its table; item concepts are the drawn presence of every concept; every
   * concept is visual.
   *
   * @param threshold in (0, 1]; 0.5 means "most birds of the species show it"
   */
  public GroundTruth groundTruth(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("ground-truth threshold must be in (0, 1], got " + threshold);
    }
    List<int[]> classConcepts = new ArrayList<>();
    for (Species s : species) {
      double[] p = s.conceptProbabilities(concepts);
      classConcepts.add(IntStream.range(0, p.length).filter(k -> p[k] >= threshold).toArray());
    }
    FloatMatrix items = FloatMatrix.zeros(specs.length, concepts.size());
    for (int i = 0; i < specs.length; i++) {
      for (int k : presentConcepts(i)) {
        items.set(i, k, 1f);
      }
    }
    boolean[] visual = new boolean[concepts.size()];
    java.util.Arrays.fill(visual, true);
    return new GroundTruth(classConcepts, items, visual);
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= specs.length) {
      throw new IndexOutOfBoundsException("image index " + i + " is outside this world's " + specs.length + " images");
    }
    return i;
  }
}
