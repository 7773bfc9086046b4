package dev.glassbox.cli;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.select.Budget;
import dev.glassbox.concepts.select.ClassSimilarity;
import dev.glassbox.concepts.select.ConceptSelection;
import dev.glassbox.concepts.select.ConceptSelector;
import dev.glassbox.concepts.select.Discriminability;
import dev.glassbox.concepts.select.Greedy;
import dev.glassbox.concepts.select.GroupSelection;
import dev.glassbox.concepts.select.RandomSelector;
import dev.glassbox.concepts.select.SelectionInput;
import dev.glassbox.concepts.select.SelectionInput.SharedConcepts;
import dev.glassbox.concepts.select.SubmodularConfig;
import dev.glassbox.concepts.select.SubmodularSelector;
import dev.glassbox.concepts.select.TopKSelector;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.data.Splits;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.DerivedDatasets;
import dev.glassbox.io.Json;
import dev.glassbox.math.FloatMatrix;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox concepts select}: LaBo's submodular concept selection (Yang et al., CVPR 2023;
 * methods.md §1) or one of its baselines over a dataset's candidate concepts, writing a new dataset
 * directory with the selected concepts and {@code selection.json}, which lists each class's picks in
 * pick order with the objective value and the number of gain evaluations.
 */
@Command(
    name = "select",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Select a budget of a dataset's candidate concepts and write a new dataset",
        "directory with them (unchanged files hard-linked or copied, ground truth",
        "restricted to them, written atomically) and OUT/selection.json: per class,",
        "the chosen concepts in pick order, the objective value and the number of",
        "marginal gains computed.",
        "",
        "Methods:",
        "  submodular  LaBo: per class, among the candidates it proposed, maximise",
        "              α·Σ MI(c) + β·coverage(S). MI is LaBo's mutual-information",
        "              discriminability over the training images; coverage is a",
        "              facility location (--profile paper: cosine over the class's",
        "              candidates, as the paper states; code: the released code's)",
        "  random      uniformly random candidates per class (LaBo's random baseline)",
        "  topk-mi     the candidates with the highest MI score (LaBo's group-MI top-k)",
        "  topk-sim    the candidates most similar to the class's images (CLIP-score",
        "              top-k)",
        "",
        "Budgets: --per-class K (default 50, LaBo's), --total N (LaBo's num_concept:",
        "⌈N / classes⌉ per class) or --global N (N over the whole pool, for candidates",
        "that name no class, such as synthetic ones). A class with no more candidates",
        "than its budget keeps them all. A concept several classes proposed is a",
        "candidate of its first proposer only, as in LaBo's code (--shared-concepts",
        "every-proposer: of each proposer). Scores use the training split only;",
        "--shots K uses K training images per class, as LaBo's few-shot runs do.",
        "",
        "LaBo's MI needs positive class–concept similarities (CLIP's raw dot products",
        "are); for encoders whose similarities can be ≤ 0, use --similarity",
        "exp-cosine.",
        "",
        "Examples (photos-filtered: the filter's output on your photos, whose concepts came from",
        "'glassbox concepts generate', which names each concept's class; synth-data: 'glassbox synth'):",
        "  glassbox concepts select --data photos-filtered --out photos-selected \\",
        "      --per-class 20",
        "  glassbox concepts select --data photos-filtered --out photos-1shot \\",
        "      --shots 1 --method random --seed 3",
        "  glassbox concepts select --data synth-data --out synth-selected \\",
        "      --global 60 --similarity exp-cosine --json"})
final class ConceptsSelectCommand implements Callable<Integer> {
  static final String SELECTION = DatasetStore.SELECTION;
  static final String SELECTION_FORMAT = "glassbox-selection";
  static final List<String> METHODS = List.of("submodular", "random", "topk-mi", "topk-sim");
  private static final List<String> SUBMODULAR_ONLY = List.of("--profile", "--optimizer", "--alpha", "--beta", "--epsilon");
  private static final int SHOWN_PICKS = 8;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset directory with candidate concepts.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset directory to write, with the selected concepts.")
  Path out;

  @Option(names = "--per-class", paramLabel = "K", description = "K concepts per class, among its own candidates (default: 50, LaBo's).")
  Integer perClass;

  @Option(names = "--total", paramLabel = "N", description = "LaBo's num_concept: ⌈N / number of classes⌉ per class.")
  Integer total;

  @Option(names = "--global", paramLabel = "N", description = "N concepts over the whole candidate pool.")
  Integer global;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "submodular",
      description = "submodular, random, topk-mi or topk-sim (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "paper",
      description = "[submodular] Coverage term: paper (cosine facility location over the class's candidates) or code "
          + "(what LaBo's released code computes) (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--shared-concepts", paramLabel = "WHERE", defaultValue = "first-proposer",
      description = "Per-class budgets: the ground sets a concept several classes proposed joins: first-proposer (LaBo's code, "
          + "which keeps one class per concept) or every-proposer (the paper's 'candidates generated for the class'; the concept "
          + "competes in each) (default: ${DEFAULT-VALUE}).")
  String sharedConcepts;

  @Option(names = "--optimizer", paramLabel = "GREEDY", defaultValue = "lazy",
      description = "[submodular] lazy (exactly plain greedy's picks, far fewer gains), plain (LaBo's naive greedy) or "
          + "stochastic (for large pools; see --epsilon) (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--alpha", paramLabel = "α", defaultValue = "1e7",
      description = "[submodular] Weight of the MI term, ≥ 0 (default: ${DEFAULT-VALUE}, LaBo's; 1e8 for ImageNet).")
  double alpha;

  @Option(names = "--beta", paramLabel = "β", defaultValue = "0.1",
      description = "[submodular] Weight of the coverage term, ≥ 0 (default: ${DEFAULT-VALUE}, LaBo's CUB value; its configs use 0 to 100).")
  double beta;

  @Option(names = "--epsilon", paramLabel = "ε", defaultValue = "0.01",
      description = "[submodular] Accuracy of stochastic greedy, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double epsilon;

  @Option(names = "--similarity", paramLabel = "SIM", defaultValue = "dot",
      description = "[submodular, topk-*] Class–concept similarity: dot (LaBo's raw dot products), cosine, or exp-cosine "
          + "(softmax of cosines; for scores that can be ≤ 0) (default: ${DEFAULT-VALUE}).")
  String similarity;

  @Option(names = "--logit-scale", paramLabel = "S", defaultValue = "100",
      description = "[exp-cosine] Scale of the softmax, > 0 (default: ${DEFAULT-VALUE}, CLIP's).")
  double logitScale;

  @Option(names = "--shots", paramLabel = "K", description = "Score on K training images per class (drawn from --seed) instead of all of them.")
  Integer shots;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of the --shots draw (the few-shot protocol: one child stream per class, in class order) and of the "
          + "random and stochastic selectors (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--force", description = "Replace OUT if it exists.")
  boolean force;

  @Option(names = "--json", description = "Print the selection as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String m = Choices.check(spec, "--method", method, METHODS);
    if (!m.equals("submodular")) {
      for (String o : SUBMODULAR_ONLY) {
        if (Choices.given(spec, o)) {
          throw Choices.usage(spec, o + " applies to --method submodular, not to --method " + m);
        }
      }
    }
    if (m.equals("random") && (Choices.given(spec, "--similarity") || Choices.given(spec, "--logit-scale"))) {
      throw Choices.usage(spec, "--similarity and --logit-scale apply to --method submodular, topk-mi and topk-sim, not to random");
    }
    Budget budget = budget();
    SharedConcepts shared = SharedConcepts.valueOf(Choices.check(spec, "--shared-concepts", sharedConcepts,
        List.of("first-proposer", "every-proposer")).replace('-', '_').toUpperCase(Locale.ROOT));
    if (!budget.isPerClass() && Choices.given(spec, "--shared-concepts")) {
      throw Choices.usage(spec, "--shared-concepts applies to per-class budgets (--per-class, --total), not to --global");
    }
    SubmodularConfig.Profile prof = Choices.check(spec, "--profile", profile, List.of("paper", "code")).equals("paper")
        ? SubmodularConfig.Profile.PAPER : SubmodularConfig.Profile.CODE;
    Greedy greedy = Greedy.valueOf(Choices.check(spec, "--optimizer", optimizer, List.of("lazy", "plain", "stochastic")).toUpperCase(Locale.ROOT));
    ClassSimilarity sim = ClassSimilarity.valueOf(
        Choices.check(spec, "--similarity", similarity, List.of("dot", "cosine", "exp-cosine")).replace('-', '_').toUpperCase(Locale.ROOT));
    if (shots != null && shots < 1) {
      throw Choices.usage(spec, "Invalid value for option '--shots': " + shots + " (expected ≥ 1)");
    }
    if (out.toAbsolutePath().normalize().equals(data.toAbsolutePath().normalize())) {
      throw Choices.usage(spec, "--out must differ from --data: selection writes a new dataset directory and leaves the input unchanged");
    }
    ConceptSelector selector = switch (m) {
      case "submodular" -> new SubmodularSelector(SubmodularConfig.defaults().withProfile(prof).withAlpha(alpha).withBeta(beta)
          .withBudget(budget).withOptimizer(greedy).withEpsilon(epsilon).withSeed(seed).withClassSimilarity(sim)
          .withLogitScale(logitScale));
      case "random" -> new RandomSelector(budget, seed);
      case "topk-mi" -> new TopKSelector(budget, TopKSelector.Ranking.MUTUAL_INFORMATION, sim, logitScale);
      case "topk-sim" -> new TopKSelector(budget, TopKSelector.Ranking.CLASS_SIMILARITY, sim, logitScale);
      default -> throw new IllegalStateException(m);
    };
    if (!Files.isDirectory(data)) {
      throw new NoSuchFileException(data.toString(), null, "no such dataset directory");
    }
    OutputPaths.checkNotOverInputs(spec, "--out", out, "--data", data);
    OutputPaths.checkWritableTarget(out, force);

    ConceptEmbeddings candidates;
    List<String> classNames;
    FloatMatrix images;
    int[] labels;
    List<String> shotIds = null;
    try (DatasetStore.Stored s = DatasetStore.read(data)) {
      if (s.concepts() == null) {
        throw new IllegalArgumentException("dataset " + data + " has no candidate concepts; attach them first with "
            + "'glassbox embed concepts CONCEPTS.json --encoder ENCODER --data " + data + "'");
      }
      candidates = s.concepts();
      Dataset d = s.dataset();
      classNames = d.classNames();
      int[] train = d.indices(Split.TRAIN);
      if (train.length == 0) {
        throw new IllegalArgumentException("dataset " + data + " has no training items; selection scores concepts on the training split");
      }
      if (shots != null) {
        train = drawShots(d, shots);
        shotIds = new ArrayList<>(train.length);
        for (int i : train) {
          shotIds.add(d.ids().get(i));
        }
      }
      images = d.embeddingsOf(train);
      labels = d.labelsOf(train);
    }
    List<int[]> groundSets = groundSets(candidates, classNames, budget, shared);
    SelectionInput input = new SelectionInput(candidates, classNames, groundSets, images, labels);
    if (groundSets != null) {
      List<String> empty = new ArrayList<>();
      for (int y = 0; y < groundSets.size(); y++) {
        if (groundSets.get(y).length == 0) {
          empty.add("\"" + classNames.get(y) + "\"");
        }
      }
      if (!empty.isEmpty()) {
        spec.commandLine().getErr().println("warning: " + empty.size() + " of " + classNames.size() + " classes have no candidate concepts ("
            + String.join(", ", empty.subList(0, Math.min(8, empty.size()))) + (empty.size() > 8 ? ", …" : "")
            + "), so none is selected for them; generate concepts for them and attach them with 'glassbox embed concepts'");
      }
    }
    if ((m.equals("submodular") || m.equals("topk-mi")) && sim != ClassSimilarity.EXP_COSINE) {
      requirePositiveSimilarities(input, sim);
    }
    long t0 = System.nanoTime();
    ConceptSelection selection = selector.select(input);
    double seconds = (System.nanoTime() - t0) / 1e9;

    Map<String, Object> report = selectionJson(m, budget, shared, selection, candidates, classNames.size(), images.rows(), shotIds);
    DerivedDatasets.withConceptSubset(data, out, selection.indices(), force,
        (AtomicFiles.DirectoryWriter) tmp -> AtomicFiles.write(tmp.resolve(SELECTION), Json.bytes(report)));

    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      Output.json(w, report);
      return 0;
    }
    w.println("selected " + selection.indices().length + " of " + candidates.concepts().size() + " candidate concepts of " + data + " with "
        + describe(m, selector) + ", " + describe(budget, classNames.size()) + ", scored on " + images.rows() + " training images"
        + (shots == null ? "" : " (" + shots + " per class)") + "; wrote " + out + " (picks in order: " + out.resolve(SELECTION) + ")");
    if (selection.gainEvaluations() > 0) {
      w.println("  " + String.format(Locale.ROOT, "%,d", selection.gainEvaluations()) + " gain evaluations in "
          + String.format(Locale.ROOT, "%.2f", seconds) + " s");
    }
    int width = selection.groups().stream().mapToInt(g -> g.group().length()).max().orElse(0);
    for (GroupSelection g : selection.groups()) {
      List<String> picks = new ArrayList<>();
      for (int i = 0; i < Math.min(SHOWN_PICKS, g.picked().length); i++) {
        picks.add(candidates.concepts().get(g.picked()[i]).text());
      }
      w.println("  " + ConceptsGenerateCommand.pad(g.group(), width) + "  " + String.format(Locale.ROOT, "%4d of %4d", g.picked().length, g.groundSet().length)
          + (g.keptAll() ? " (all kept)" : "") + (Double.isNaN(g.value()) ? "" : String.format(Locale.ROOT, "  F = %.6g", g.value()))
          + "  " + String.join(", ", picks) + (g.picked().length > SHOWN_PICKS ? ", …" : ""));
    }
    w.flush();
    return 0;
  }

  private Budget budget() {
    Choices.atLeast(spec, "--per-class", perClass, 1);
    Choices.atLeast(spec, "--total", total, 1);
    Choices.atLeast(spec, "--global", global, 1);
    int given = (perClass != null ? 1 : 0) + (total != null ? 1 : 0) + (global != null ? 1 : 0);
    if (given > 1) {
      throw Choices.usage(spec, "give one budget: --per-class K, --total N or --global N");
    }
    if (total != null) {
      return Budget.total(total);
    }
    if (global != null) {
      return Budget.global(global);
    }
    return perClass != null ? Budget.perClass(perClass) : Budget.defaults();
  }

  /**
   * {@code k} training items of each class by the few-shot protocol ({@link Splits#fewShot}: one
   * child stream of {@code seed} per class, in class order), ascending; a class with fewer keeps
   * all of them, with a warning.
   */
  private int[] drawShots(Dataset d, int k) {
    int[] trainPerClass = new int[d.numClasses()];
    for (int i : d.indices(Split.TRAIN)) {
      trainPerClass[d.labels()[i]]++;
    }
    for (int y = 0; y < trainPerClass.length; y++) {
      if (trainPerClass[y] < k) {
        spec.commandLine().getErr().println("warning: class \"" + d.classNames().get(y) + "\" has " + trainPerClass[y]
            + " training items, fewer than --shots " + k + "; all of them are used");
      }
    }
    return Splits.fewShot(d.labels(), d.splits(), d.numClasses(), k, seed);
  }

  /**
   * Each class's candidates ({@link SelectionInput#groundSets}, shared concepts as --shared-concepts
   * says); null when some concept names no class, which only a global budget can handle.
   */
  private List<int[]> groundSets(ConceptEmbeddings candidates, List<String> classNames, Budget budget, SharedConcepts shared) {
    List<int[]> sets = SelectionInput.groundSets(candidates.concepts().concepts(), classNames, shared, " of " + data + " "
        + preview(classNames) + "; generate the concepts for this dataset's classes (e.g. 'glassbox concepts generate --data " + data + " …')");
    if (sets == null && budget.isPerClass()) {
      List<Concept> classless = candidates.concepts().concepts().stream().filter(c -> c.proposingClasses().isEmpty()).toList();
      throw new IllegalArgumentException(classless.size() + " of the " + candidates.concepts().size() + " candidate concepts of " + data
          + " name no proposing class (e.g. \"" + classless.get(0).text() + "\"), so they cannot be selected class by class; use --global N "
          + "to select over the whole pool");
    }
    return sets;
  }

  /**
   * LaBo's MI score reads class–concept similarities as unnormalised probabilities, so each must be
   * positive; checked here to name the command-line fix (the selectors name the API's).
   */
  private static void requirePositiveSimilarities(SelectionInput input, ClassSimilarity sim) {
    FloatMatrix means = Discriminability.classMeans(input.images(), input.labels(), input.numClasses(), sim.normalizes());
    FloatMatrix s = Discriminability.classSimilarity(input.candidates().embeddings(), means, sim);
    int worst = 0;
    float[] v = s.data();
    int negatives = 0;
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] > 0)) {
        negatives++;
        if (v[i] < v[worst] || v[worst] > 0) {
          worst = i;
        }
      }
    }
    if (negatives > 0) {
      int c = worst / s.cols();
      int y = worst % s.cols();
      throw new IllegalArgumentException(negatives + " of " + v.length + " class–concept similarities are ≤ 0 (the lowest, Sim(\""
          + input.candidates().concepts().get(c).text() + "\", \"" + input.classNames().get(y) + "\"), is " + v[worst] + "), but LaBo's MI score "
          + "reads them as unnormalised probabilities and needs every one > 0 (CLIP's raw dot products are; this encoder's are not); "
          + "pass --similarity exp-cosine");
    }
  }

  private static String preview(List<String> names) {
    return names.size() <= 8 ? names.toString() : names.subList(0, 8) + " and " + (names.size() - 8) + " more";
  }

  private static String describe(String method, ConceptSelector selector) {
    if (selector instanceof SubmodularSelector s) {
      SubmodularConfig c = s.config();
      return "LaBo's submodular objective (" + c.profile().name().toLowerCase(Locale.ROOT) + " profile, α = " + c.alpha() + ", β = " + c.beta()
          + ", " + c.optimizer().name().toLowerCase(Locale.ROOT) + " greedy)";
    }
    return method;
  }

  private static String describe(Budget b, int numClasses) {
    return switch (b.mode()) {
      case PER_CLASS -> b.count() + " per class";
      case TOTAL_SPLIT -> "num_concept " + b.count() + " (" + b.perClassCount(numClasses) + " per class)";
      case GLOBAL -> b.count() + " over the whole pool";
    };
  }

  private Map<String, Object> selectionJson(String m, Budget budget, SharedConcepts shared, ConceptSelection selection,
      ConceptEmbeddings candidates, int numClasses, int trainingImages, List<String> shotIds) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("format", SELECTION_FORMAT);
    j.put("formatVersion", 1);
    j.put("data", data.toString());
    j.put("out", out.toString());
    j.put("method", m);
    j.put("selector", selection.selector());
    j.put("config", selection.config());
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("mode", budget.mode().name().toLowerCase(Locale.ROOT));
    b.put("count", budget.count());
    b.put("per_class", budget.isPerClass() ? budget.perClassCount(numClasses) : null);
    b.put("shared_concepts", budget.isPerClass() ? shared.name().toLowerCase(Locale.ROOT).replace('_', '-') : null);
    j.put("budget", b);
    j.put("seed", seed);
    j.put("shots", shots);
    j.put("training_images", trainingImages);
    if (shotIds != null) {
      j.put("shot_ids", shotIds);
    }
    j.put("candidates", candidates.concepts().size());
    j.put("selected", selection.indices().length);
    j.put("gain_evaluations", selection.gainEvaluations());
    List<Map<String, Object>> groups = new ArrayList<>();
    for (GroupSelection g : selection.groups()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("class", g.group());
      e.put("candidates", g.groundSet().length);
      e.put("kept_all", g.keptAll());
      e.put("objective", Double.isFinite(g.value()) ? g.value() : null);
      e.put("gain_evaluations", g.gainEvaluations());
      List<String> picks = new ArrayList<>();
      for (int i : g.picked()) {
        picks.add(candidates.concepts().get(i).text());
      }
      e.put("picked", picks);
      groups.add(e);
    }
    j.put("groups", groups);
    j.put("selected_concepts", selection.selected().concepts().texts());
    return j;
  }
}
