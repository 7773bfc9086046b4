package dev.glassbox.cli.demo;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.concepts.filter.ClassGroundingFilter;
import dev.glassbox.concepts.filter.ClassNameFilter;
import dev.glassbox.concepts.filter.FilterContext;
import dev.glassbox.concepts.filter.LengthFilter;
import dev.glassbox.concepts.filter.LowActivationFilter;
import dev.glassbox.concepts.filter.NonVisualFilter;
import dev.glassbox.concepts.filter.RedundancyFilter;
import dev.glassbox.concepts.filter.VisualVocabularyFilter;
import dev.glassbox.concepts.filter.FilterPipeline;
import dev.glassbox.concepts.filter.FilterResult;
import dev.glassbox.concepts.select.Budget;
import dev.glassbox.concepts.select.ClassSimilarity;
import dev.glassbox.concepts.select.ConceptSelection;
import dev.glassbox.concepts.select.SelectionInput;
import dev.glassbox.concepts.select.SubmodularConfig;
import dev.glassbox.concepts.select.SubmodularSelector;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.GroundTruth;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encoders.onnx.MiniLmTextEncoder;
import dev.glassbox.evaluate.Evaluation;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.evaluate.RocAuc;
import dev.glassbox.evaluate.ZeroShotConceptEvaluation;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelStore;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.sources.text.PhraseExtractor;
import dev.glassbox.sources.wordnet.WordNet;
import dev.glassbox.util.Hashing;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConfig;
import dev.glassbox.world.WorldExport;
import dev.glassbox.world.WorldExporter;
import dev.glassbox.world.WorldReader;
import dev.glassbox.world.tower.ImageTowerEvaluation;
import dev.glassbox.world.tower.WorldImageEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Glassbox's embedded default, end to end: the concept world (generated and cached), its images
 * embedded by the shipped world image tower, candidate concepts cut from the field guide and
 * embedded by the bundled MiniLM text tower, Label-free CBM's filters, LaBo's submodular selection,
 * the sparse CBM, and an evaluation against the world's ground truth, written as a model card.
 *
 * <p>Everything a run computes is deterministic for a given world config. The cache (world images
 * and their embeddings) is keyed by the world config, the renderer version and the image tower's
 * SHA-256, written atomically and verified on every read: a damaged or half-written cache is
 * regenerated, never used.
 */
public final class DemoPipeline {
  /** The truth threshold: a species "has" a concept when most of its birds show it. */
  static final double HAS_CONCEPT = 0.5;

  /** Where the model sits in the report folder: a models directory that {@code glassbox serve} reads. */
  public static final String MODEL_PATH = "models/concept-world/1";

  private DemoPipeline() {}

  /**
   * What to run.
   *
   * @param out the report directory (replaced atomically)
   * @param cacheRoot where worlds and their embeddings are cached
   * @param world the world to generate
   * @param perClass LaBo's per-class concept budget
   * @param groundingFloor the non-visual filter's grounding-ratio floor ({@link #GROUNDING_RATIO} by default)
   * @param seed the training seed
   * @param headOptions options of the {@code sparse} method (see {@link #HEAD_DEFAULTS})
   */
  public record Options(Path out, Path cacheRoot, WorldConfig world, int perClass, long seed, Map<String, String> headOptions,
      double groundingFloor) {}

  /**
   * What a run produced.
   *
   * @param report the HTML model card
   * @param model the model artifact
   * @param samples the folder of sample images for the web UI: one test image per species
   * @param metrics the measurements
   */
  public record Outcome(Path report, Path model, Path samples, Map<String, Object> metrics) {}

  /** The folder of sample images the web UI offers after the demo ('demo --serve'). */
  static final String SAMPLES = "samples";

  /**
   * Copies the first test image of each species into {@code dir}, flat, named after its id
   * ({@code ash-dove-0007.png}): the server offers the files directly in its samples folder, and
   * test images are ones the head never saw.
   */
  private static void writeSamples(Path dir, Path export, Dataset d) throws IOException {
    Files.createDirectories(dir);
    boolean[] done = new boolean[d.numClasses()];
    for (int i = 0; i < d.size(); i++) {
      int y = d.labels()[i];
      if (!done[y] && d.splits()[i] == Split.TEST) {
        done[y] = true;
        String id = d.ids().get(i);
        Files.copy(export.resolve("images").resolve(id + ".png"), dir.resolve(id.replace('/', '-') + ".png"));
      }
    }
  }

  /**
   * Everything up to and including the filters, shared by the demo and the studies that reuse its
   * world (selection, method comparison).
   *
   * @param world the generated world
   * @param export its verified export (images, masks, ground truth)
   * @param images {@code [images × dim]} the world tower's embeddings of every image
   * @param data the images as a dataset (species labels, the world's splits), no concepts
   * @param candidates every field-guide phrase with its truth
   * @param candidateConcepts the candidates embedded by MiniLM
   * @param speciesEmbeddings {@code [species × dim]} the species names embedded by MiniLM
   * @param filtered the filters' result over the candidates
   * @param tower the image tower's zero-shot concept detection on this world
   * @param timings seconds per stage so far
   */
  public record Prepared(
      World world, WorldExport export, FloatMatrix images, Dataset data, List<FieldGuideCandidates.Candidate> candidates,
      ConceptEmbeddings candidateConcepts, FloatMatrix speciesEmbeddings, FilterResult filtered,
      ZeroShotConceptEvaluation.Report tower, Map<String, Object> timings) {}

  /** Generates (or reads from the cache) the world and its embeddings, extracts and filters the candidates. */
  public static Prepared prepare(WorldConfig config, Path cacheRoot, ProgressListener progress, PrintWriter log) throws IOException {
    return prepare(config, cacheRoot, GROUNDING_RATIO, progress, log);
  }

  /** {@link #prepare(WorldConfig, Path, ProgressListener, PrintWriter)} with another non-visual grounding-ratio floor. */
  public static Prepared prepare(WorldConfig config, Path cacheRoot, double groundingFloor, ProgressListener progress, PrintWriter log)
      throws IOException {
    long t0 = System.nanoTime();
    Map<String, Object> timings = new LinkedHashMap<>();
    World world = World.generate(config);
    WorldImageEncoder imageTower = WorldImageEncoder.load();
    Path cacheDir = cacheRoot.resolve("world-" + cacheKey(config, imageTower.identity()));
    WorldExport export = cachedExport(world, cacheDir.resolve("export"), progress, log);
    timings.put("world_seconds", secs(t0));

    long t1 = System.nanoTime();
    FloatMatrix images = cachedEmbeddings(world, export, imageTower, cacheDir.resolve("embeddings.npy"), progress, log);
    timings.put("image_embedding_seconds", secs(t1));

    long t2 = System.nanoTime();
    List<FieldGuideCandidates.Candidate> candidates;
    try (WordNet wn = WordNet.open()) {
      candidates = FieldGuideCandidates.extract(world, new PhraseExtractor(wn.lexicon()));
    }
    ConceptSet candidateSet = FieldGuideCandidates.conceptSet(candidates);
    FloatMatrix candidateEmb;
    FloatMatrix speciesEmb;
    EncoderIdentity textId;
    ZeroShotConceptEvaluation.Report towerReport;
    VisualVocabularyFilter vocabulary;
    try (MiniLmTextEncoder text = MiniLmTextEncoder.load()) {
      vocabulary = VisualVocabularyFilter.encode(text, VisualVocabularyFilter.DEFAULT_MARGIN);
      textId = text.identity();
      candidateEmb = encode(text, candidateSet.texts(), progress, "embed candidate concepts");
      speciesEmb = encode(text, world.speciesNames(), ProgressListener.NONE, "");
      towerReport = ImageTowerEvaluation.evaluate(world, images, text).concepts();
    }
    ConceptEmbeddings candidateConcepts = new ConceptEmbeddings(candidateSet, candidateEmb, textId);
    timings.put("concept_seconds", secs(t2));

    long t3 = System.nanoTime();
    Dataset data = dataset(world, images, imageTower.identity());
    int[] train = data.indices(Split.TRAIN);
    FilterContext ctx = FilterContext.of(world.speciesNames()).withClassNames(world.speciesNames(), speciesEmb)
        .withTrainingImages(data.embeddingsOf(train), data.labelsOf(train));
    FilterResult filtered = filters(vocabulary, groundingFloor).apply(candidateConcepts, ctx);
    timings.put("filter_seconds", secs(t3));
    return new Prepared(world, export, images, data, candidates, candidateConcepts, speciesEmb, filtered, towerReport, timings);
  }

  public static Outcome run(Options o, ProgressListener progress, PrintWriter log) throws IOException {
    long t0 = System.nanoTime();
    Prepared p = prepare(o.world(), o.cacheRoot(), o.groundingFloor(), progress, log);
    World world = p.world();
    WorldExport export = p.export();
    FloatMatrix images = p.images();
    Dataset data = p.data();
    List<FieldGuideCandidates.Candidate> candidates = p.candidates();
    FilterResult filtered = p.filtered();
    ZeroShotConceptEvaluation.Report towerReport = p.tower();
    Map<String, Object> timings = new LinkedHashMap<>(p.timings());
    int[] train = data.indices(Split.TRAIN);

    long t3 = System.nanoTime();
    SubmodularConfig sc = SubmodularConfig.defaults().withBudget(Budget.perClass(o.perClass()))
        .withClassSimilarity(ClassSimilarity.EXP_COSINE);
    ConceptSelection selection = new SubmodularSelector(sc).select(SelectionInput.of(filtered.kept(), data, train));
    ConceptEmbeddings chosen = selection.selected();
    timings.put("select_seconds", secs(t3));

    long t4 = System.nanoTime();
    List<FieldGuideCandidates.Candidate> chosenTruth = truthOf(candidates, chosen.concepts());
    Dataset trainingData = withGroundTruth(data, world, chosenTruth, chosen.concepts());
    Map<String, String> head = new LinkedHashMap<>(HEAD_DEFAULTS);
    head.putAll(o.headOptions());
    TrainResult trained = CbmMethods.train("sparse", new TrainingInput(trainingData, chosen, o.seed()), head, progress);
    ConceptBottleneckModel model = trained.model();
    timings.put("training_seconds", secs(t4));

    Evaluation test = Evaluator.evaluate(model, trainingData, Split.TEST);
    DemoMetrics metrics = DemoMetrics.compute(world, candidates, filtered, chosen.concepts(), chosenTruth, model, trained, test,
        towerReport, images, trainingData);
    Map<String, Object> m = metrics.toJson();
    m.put("non_visual_grounding_floor", o.groundingFloor());
    timings.put("total_seconds", secs(t0));
    m.put("timings", timings);

    Path report = o.out().resolve("report.html");
    Path modelDir = o.out().resolve(MODEL_PATH);
    AtomicFiles.writeDirectory(o.out(), true, tmp -> {
      Files.createDirectories(tmp.resolve(MODEL_PATH).getParent());
      ModelStore.save(model, tmp.resolve(MODEL_PATH), false);
      AtomicFiles.write(tmp.resolve("metrics.json"), Json.bytes(m));
      AtomicFiles.write(tmp.resolve(DatasetStore.FILTER_REPORT), Json.bytes(filterReportJson(filtered)));
      dev.glassbox.io.ConceptSetFiles.write(tmp.resolve("concepts.json"), chosen.concepts());
      AtomicFiles.write(tmp.resolve("report.html"),
          DemoReport.html(world, export, model, metrics, m, trainingData, images).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      writeSamples(tmp.resolve(SAMPLES), export.dir(), trainingData);
    });
    return new Outcome(report, modelDir, o.out().resolve(SAMPLES), m);
  }

  /**
   * Label-free CBM's filters in its order, then the two visibility tests. Two thresholds are set for
   * this encoder pair rather than copied: the world tower and MiniLM give image–text cosines well
   * below CLIP's, so Label-free CBM's activation cut-off of 0.25 (set on CLIP ViT-B/16's scale)
   * would drop every candidate; 0.10 drops only phrases that no image approaches. The grounding
   * ratio floor is 1.2 (a direction carrying 20% more image variance than a random one), and its
   * tail test keeps its default 2.0 (it saves "red breast", which only one species shows); the class
   * lift and the vocabulary margin are {@link ClassGroundingFilter}'s and
   * {@link VisualVocabularyFilter}'s defaults.
   */
  static FilterPipeline filters(VisualVocabularyFilter vocabulary, double groundingFloor) {
    return FilterPipeline.of(LengthFilter.defaults(), ClassNameFilter.defaults(), RedundancyFilter.defaults(),
        LowActivationFilter.defaults().withCutoff(ACTIVATION_CUTOFF), NonVisualFilter.defaults().withMinGroundingRatio(groundingFloor),
        ClassGroundingFilter.defaults(), vocabulary);
  }

  /**
   * The demo's head: a species is described only by concepts its own field-guide entry proposed,
   * with positive weights (the language prior as a constraint, {@code prior=language-positive}),
   * and the regularisation-path point is the densest within a point of the best validation
   * accuracy among those with at most eight non-zero weights per species, so that every species
   * is explained by several of its own concepts a person can check. The elastic net's L1 share is
   * 0.9 rather than Label-free CBM's 0.99: a species' own concepts come in correlated groups (the
   * Crimson Tanager's red crown, nape and breast), of which a near-lasso keeps one and the
   * elastic net's L2 part keeps several (its grouping effect; validation accuracy is the same).
   */
  public static final Map<String, String> HEAD_DEFAULTS =
      Map.of("selection", "densest-within", "max-per-class", "8", "patience", "0", "prior", "language-positive", "alpha", "0.9");

  /** The low-activation cut-off for the world tower and MiniLM (see {@link #filters}). */
  static final double ACTIVATION_CUTOFF = 0.10;

  /** {@link #GROUNDING_RATIO} as written, the default of {@code glassbox demo --grounding-floor}. */
  public static final String GROUNDING_RATIO_TEXT = "1.2";

  /** The non-visual filter's grounding-ratio floor for this encoder pair (see {@link #filters}). */
  static final double GROUNDING_RATIO = Double.parseDouble(GROUNDING_RATIO_TEXT);

  private static double secs(long since) {
    return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
  }

  static String cacheKey(WorldConfig cfg, EncoderIdentity tower) {
    return Hashing.sha256(cfg + "|renderer " + WorldExporter.RENDERER_VERSION + "|" + tower.name() + "|" + tower.sha256()).substring(0, 16);
  }

  /** The world's export from the cache, regenerated when missing or damaged. */
  static WorldExport cachedExport(World world, Path dir, ProgressListener progress, PrintWriter log) throws IOException {
    if (Files.exists(dir)) {
      try {
        return WorldReader.read(dir);
      } catch (IOException | RuntimeException e) {
        log.println("glassbox demo: the cached world at " + dir + " is damaged (" + e.getMessage() + "); generating it again");
      }
    }
    Files.createDirectories(dir.getParent());
    WorldExporter.export(world, dir, true, progress);
    return WorldReader.read(dir);
  }

  /** The images' embeddings from the cache (verified by a checksum beside them), recomputed when missing or damaged. */
  static FloatMatrix cachedEmbeddings(World world, WorldExport export, WorldImageEncoder tower, Path file, ProgressListener progress,
      PrintWriter log) throws IOException {
    Path sum = file.resolveSibling(file.getFileName() + ".sha256");
    if (Files.exists(file) && Files.exists(sum)) {
      try {
        String want = Files.readString(sum).strip();
        String got = Hashing.hex(Hashing.sha256().digest(Files.readAllBytes(file)));
        if (want.equals(got)) {
          FloatMatrix m = dev.glassbox.io.Npy.readMatrix(file);
          if (m.rows() == world.size() && m.cols() == tower.dim()) {
            return m;
          }
        }
        log.println("glassbox demo: the cached image embeddings at " + file + " are damaged; computing them again");
      } catch (IOException | RuntimeException e) {
        log.println("glassbox demo: the cached image embeddings at " + file + " cannot be read (" + e.getMessage() + "); computing them again");
      }
    }
    int n = world.size();
    FloatMatrix out = FloatMatrix.zeros(n, tower.dim());
    int batch = 64;
    for (int s = 0; s < n; s += batch) {
      int m = Math.min(batch, n - s);
      List<BufferedImage> imgs = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        imgs.add(export.image(s + i));
      }
      FloatMatrix e = tower.encode(imgs);
      System.arraycopy(e.data(), 0, out.data(), s * tower.dim(), m * tower.dim());
      progress.progress("embed world images", s + m, n);
    }
    dev.glassbox.io.Npy.write(file, out, dev.glassbox.io.NpyDtype.FLOAT32);
    AtomicFiles.write(sum, Hashing.hex(Hashing.sha256().digest(Files.readAllBytes(file))).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return out;
  }

  private static FloatMatrix encode(MiniLmTextEncoder text, List<String> texts, ProgressListener progress, String stage) {
    FloatMatrix out = FloatMatrix.zeros(texts.size(), text.dim());
    int batch = 32;
    for (int s = 0; s < texts.size(); s += batch) {
      int m = Math.min(batch, texts.size() - s);
      FloatMatrix e = text.encode(texts.subList(s, s + m));
      System.arraycopy(e.data(), 0, out.data(), s * text.dim(), m * text.dim());
      if (!stage.isEmpty()) {
        progress.progress(stage, s + m, texts.size());
      }
    }
    return out;
  }

  /** The image encoder a world dataset records in its metadata. */
  public static EncoderIdentity towerIdentity(Dataset d) {
    return dev.glassbox.pipeline.MethodSupport.inputEncoder(d);
  }

  static Dataset dataset(World world, FloatMatrix images, EncoderIdentity tower) {
    List<String> ids = new ArrayList<>(world.size());
    for (int i = 0; i < world.size(); i++) {
      ids.add(world.imageId(i));
    }
    return new Dataset("concept-world", world.speciesNames(), ids, world.labels(), world.splits(), images, null,
        Map.of("encoder", tower.name(), "encoder_sha256", tower.sha256(), "encoder_dim", Integer.toString(tower.dim()),
            "world", world.config().toString()));
  }

  /** The truth record of each concept in {@code set}, in its order. */
  static List<FieldGuideCandidates.Candidate> truthOf(List<FieldGuideCandidates.Candidate> all, ConceptSet set) {
    Map<String, FieldGuideCandidates.Candidate> byText = new LinkedHashMap<>();
    for (FieldGuideCandidates.Candidate c : all) {
      byText.put(c.concept().text(), c);
    }
    List<FieldGuideCandidates.Candidate> out = new ArrayList<>();
    for (int k = 0; k < set.size(); k++) {
      out.add(byText.get(set.get(k).text()));
    }
    return out;
  }

  /**
   * The dataset with ground truth over the chosen concepts: a species' true concepts are those
   * naming a world concept most of its birds show; an item shows a concept when its bird was drawn
   * with the world concept it names.
   */
  static Dataset withGroundTruth(Dataset d, World world, List<FieldGuideCandidates.Candidate> truth, ConceptSet set) {
    FloatMatrix probs = world.speciesConceptProbabilities();
    List<int[]> classConcepts = new ArrayList<>();
    for (int s = 0; s < world.species().size(); s++) {
      List<Integer> ks = new ArrayList<>();
      for (int k = 0; k < truth.size(); k++) {
        int wc = truth.get(k).worldConcept();
        if (wc >= 0 && probs.get(s, wc) >= HAS_CONCEPT) {
          ks.add(k);
        }
      }
      classConcepts.add(ks.stream().mapToInt(Integer::intValue).toArray());
    }
    FloatMatrix items = FloatMatrix.zeros(world.size(), truth.size());
    boolean[] visual = new boolean[truth.size()];
    for (int k = 0; k < truth.size(); k++) {
      visual[k] = truth.get(k).kind() == FieldGuideCandidates.Kind.VISUAL_CONCEPT;
    }
    for (int i = 0; i < world.size(); i++) {
      for (int present : world.presentConcepts(i)) {
        for (int k = 0; k < truth.size(); k++) {
          if (truth.get(k).worldConcept() == present) {
            items.set(i, k, 1f);
          }
        }
      }
    }
    return new Dataset(d.name(), d.classNames(), d.ids(), d.labels(), d.splits(), d.embeddings(),
        new GroundTruth(classConcepts, items, visual), d.metadata());
  }

  static Map<String, Object> filterReportJson(FilterResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("filters", r.report().filters());
    m.put("candidates", r.report().candidates());
    m.put("kept", r.report().kept());
    List<Map<String, Object>> dropped = new ArrayList<>();
    for (var d : r.report().dropped()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("concept", d.concept().text());
      x.put("class", d.concept().proposedBy());
      x.put("filter", d.filter());
      x.put("reason", String.valueOf(d.reason()));
      x.put("score", Double.isFinite(d.score()) ? d.score() : null);
      x.put("threshold", Double.isFinite(d.threshold()) ? d.threshold() : null);
      x.put("detail", d.detail());
      dropped.add(x);
    }
    m.put("dropped", dropped);
    return m;
  }

  /** The AUC of a concept's activations against its presence over the given items. */
  static double activationAuc(FloatMatrix acts, int k, FloatMatrix presence, int[] items) {
    float[] scores = new float[items.length];
    boolean[] pos = new boolean[items.length];
    int npos = 0;
    for (int i = 0; i < items.length; i++) {
      scores[i] = acts.get(i, k);
      pos[i] = presence.get(items[i], k) > 0;
      if (pos[i]) {
        npos++;
      }
    }
    return npos == 0 || npos == items.length ? Double.NaN : RocAuc.of(scores, pos);
  }

}
