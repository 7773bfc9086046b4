package dev.glassbox.cli;

import dev.glassbox.cli.demo.DemoPipeline;
import dev.glassbox.world.WorldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Glassbox end to end on its embedded default, with no files of your own and no network:",
        "generates the concept world (procedural birds whose concepts are known exactly; cached after",
        "the first run), embeds its images with the shipped world image tower, cuts candidate concepts",
        "from the field guide and embeds them with the bundled all-MiniLM-L6-v2, filters them",
        "(Label-free CBM), selects them (LaBo), trains the sparse CBM, evaluates it against the ground",
        "truth and writes a model card (report.html) beside the model.",
        "",
        "Examples:",
        "  glassbox demo                      # report in ./glassbox-demo/report.html",
        "  glassbox demo --json               # the metrics as JSON",
        "  glassbox demo --serve --port 8080  # then open http://127.0.0.1:8080/ to explain, intervene and edit"})
final class DemoCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", defaultValue = "glassbox-demo", paramLabel = "DIR",
      description = "Report folder, replaced on every run (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--cache", paramLabel = "DIR", description = "Where generated worlds are cached (default: $XDG_CACHE_HOME/glassbox or ~/.cache/glassbox).")
  Path cache;

  @Option(names = "--seed", defaultValue = "1", description = "World seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--species", defaultValue = "24", description = "Species in the world (default: ${DEFAULT-VALUE}).")
  int species;

  @Option(names = "--images-per-species", defaultValue = "80", description = "Images per species (default: ${DEFAULT-VALUE}).")
  int imagesPerSpecies;

  @Option(names = "--per-class", defaultValue = "10", description = "LaBo's concept budget per species (default: ${DEFAULT-VALUE}).")
  int perClass;

  @Option(names = "--grounding-floor", defaultValue = DemoPipeline.GROUNDING_RATIO_TEXT,
      description = "The non-visual filter's floor: a candidate is kept only if its text direction carries more than this many times the image "
          + "variance of a random direction. Lower keeps more rare visual concepts and lets more world-visible habitat phrases through "
          + "(default: ${DEFAULT-VALUE}).")
  double groundingFloor;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "An option of the sparse head, as for 'glassbox train' (demo defaults: prior=language-positive, selection=densest-within, max-per-class=8, patience=0, alpha=0.9); repeatable.")
  java.util.List<String> settings = new ArrayList<>();

  @Option(names = "--serve", description = "Serve the demo model and the web UI when done (Ctrl-C stops).")
  boolean serve;

  @Option(names = "--port", defaultValue = "8080", description = "Port for --serve (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Option(names = "--json", description = "Print the metrics as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    // Everything is checked before the world is built or embedded (that can take a minute).
    Path cacheRoot = cache != null ? cache : defaultCache();
    checkOut(cacheRoot);
    DemoPipelineChecks.output(out);
    Choices.atLeast(spec, "--per-class", perClass, 1);
    if (serve) {
      Choices.inRange(spec, "--port", (double) port, 0, 65535);
    }
    TrainCommand.options(spec, dev.glassbox.pipeline.CbmMethods.byName("sparse"), settings, "");
    if (!(groundingFloor >= 0 && Double.isFinite(groundingFloor))) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--grounding-floor must be a finite number ≥ 0, got " + groundingFloor);
    }
    WorldConfig wc = worldConfig(spec, seed, species, imagesPerSpecies);
    DemoPipeline.Outcome r;
    var err = spec.commandLine().getErr();
    try (Progress p = new Progress(quiet || json)) {
      r = DemoPipeline.run(new DemoPipeline.Options(out, cacheRoot, wc, perClass, 0, dev.glassbox.pipeline.MethodOptions.parsePairs(settings),
          groundingFloor), p, err);
    }
    var w = spec.commandLine().getOut();
    Map<String, Object> m = r.metrics();
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("report", r.report().toString());
      j.put("model", r.model().toString());
      j.putAll(m);
      Output.json(w, j);
    } else {
      w.println("Glassbox demo on the concept world (" + species + " species × " + imagesPerSpecies + " images)");
      w.printf(Locale.ROOT, "  test accuracy %s, %s concepts in the head, %.1f non-zero weights per species%n",
          Output.pct(num(m.get("test_accuracy"))), m.get("concepts_in_head"), meanOf(m.get("nonzeros_per_class")));
      w.printf(Locale.ROOT, "  species whose top 3 concepts are true visual concepts: %s%n", Output.pct(num(m.get("species_top3_true_visual_share"))));
      w.printf(Locale.ROOT, "  non-visual field-guide statements dropped before the head: %s%n", Output.pct(num(m.get("nonvisual_dropped_share"))));
      if (m.get("visual_concepts_kept_share") != null) {
        w.printf(Locale.ROOT, "  visual concepts the field guide names that the head keeps: %s of %s (%s)%n", m.get("visual_concepts_kept"),
            m.get("visual_concepts_mentioned"), Output.pct(num(m.get("visual_concepts_kept_share"))));
      }
      w.printf(Locale.ROOT, "  image tower, zero-shot concept detection AUC: %.3f (paraphrases %.3f)%n",
          num(m.get("zero_shot_concept_auc_mean")), num(m.get("zero_shot_paraphrase_auc_mean")));
      w.println("report: " + r.report().toAbsolutePath());
      w.println("model:  " + r.model().toAbsolutePath());
    }
    w.flush();
    if (serve) {
      List<String> args = new ArrayList<>(List.of("serve", "--models", r.model().getParent().getParent().toString(), "--port",
          Integer.toString(port), "--samples", r.samples().toString()));
      return Main.run(args.toArray(new String[0]), new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true));
    }
    return 0;
  }

  /**
   * The demo replaces its --out on every run, so --out must be new, empty, or an earlier demo's
   * report folder (report.html and metrics.json): never a folder of the user's, the current
   * directory ("" or "."), or one holding the world cache.
   */
  private void checkOut(Path cacheRoot) throws Exception {
    var given = spec.commandLine().getParseResult().matchedOption("--out");
    if (given != null && given.stringValues().get(0).isBlank()) {
      throw Choices.usage(spec, "--out is empty; give the folder for the demo's report (default: glassbox-demo)");
    }
    OutputPaths.checkNotOverInputs(spec, "--out", out, "--cache", cacheRoot);
    Path abs = out.toAbsolutePath().normalize();
    if (Files.isDirectory(abs) && !(Files.exists(abs.resolve("report.html")) && Files.exists(abs.resolve("metrics.json")))) {
      try (var entries = Files.list(abs)) {
        if (entries.findAny().isPresent()) {
          throw Choices.usage(spec, "--out " + out + " is a folder that is not an earlier demo's report (it has no report.html and "
              + "metrics.json); the demo replaces its --out on every run, so give a new folder");
        }
      }
    }
  }

  /** The world's settings; an out-of-range one is a usage error naming its option. */
  static WorldConfig worldConfig(picocli.CommandLine.Model.CommandSpec spec, long seed, int species, int imagesPerSpecies) {
    WorldConfig wc = WorldConfig.defaults().withSeed(seed);
    try {
      wc = wc.withSpecies(species);
    } catch (IllegalArgumentException e) {
      throw Choices.usage(spec, "Invalid value for option '--species': " + e.getMessage());
    }
    try {
      return wc.withImagesPerSpecies(imagesPerSpecies);
    } catch (IllegalArgumentException e) {
      throw Choices.usage(spec, "Invalid value for option '--images-per-species': " + e.getMessage());
    }
  }

  static Path defaultCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("glassbox");
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static double meanOf(Object o) {
    if (o instanceof List<?> l && !l.isEmpty()) {
      return l.stream().mapToDouble(x -> ((Number) x).doubleValue()).average().orElse(Double.NaN);
    }
    return Double.NaN;
  }
}
