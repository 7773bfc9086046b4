package dev.glassbox.cli;

import dev.glassbox.cli.demo.DemoPipeline;
import dev.glassbox.cli.demo.SelectionStudy;
import dev.glassbox.cli.demo.WorldDatasets;
import dev.glassbox.compare.Shots;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.pipeline.MethodOptions;
import dev.glassbox.world.WorldConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Studies on the concept world that reuse the demo's world, embeddings and candidates. */
final class WorldStudyCommands {
  private WorldStudyCommands() {}

  /** The world options every study shares. */
  static final class WorldOptions {
    @Option(names = "--cache", paramLabel = "DIR", description = "Where generated worlds are cached (default: as for 'glassbox demo').")
    Path cache;

    @Option(names = "--seed", defaultValue = "1", description = "World seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--species", defaultValue = "24", description = "Species (default: ${DEFAULT-VALUE}).")
    int species;

    @Option(names = "--images-per-species", defaultValue = "80", description = "Images per species (default: ${DEFAULT-VALUE}).")
    int imagesPerSpecies;

    /** The world's settings, checked (a usage error naming the option) before any work. */
    WorldConfig config(CommandLine.Model.CommandSpec spec) {
      return DemoCommand.worldConfig(spec, seed, species, imagesPerSpecies);
    }

    DemoPipeline.Prepared prepare(WorldConfig wc, Progress p, java.io.PrintWriter log) throws Exception {
      return DemoPipeline.prepare(wc, cache != null ? cache : DemoCommand.defaultCache(), p, log);
    }
  }

  enum Pool {
    WORLD, FIELD_GUIDE, CANDIDATES
  }

  static WorldDatasets.WithConcepts pool(DemoPipeline.Prepared p, Pool pool) {
    return switch (pool) {
      case WORLD -> WorldDatasets.worldConcepts(p);
      case FIELD_GUIDE -> WorldDatasets.fieldGuide(p);
      case CANDIDATES -> WorldDatasets.allCandidates(p);
    };
  }

  @Command(
      name = "export-dataset",
      mixinStandardHelpOptions = true,
      description = {
          "Write the concept world as a dataset directory (the world tower's image embeddings, species labels and",
          "splits, a concept set with MiniLM embeddings, the species names' embeddings, ground truth over the",
          "concepts), for 'glassbox train' and 'glassbox compare'. --concepts world: the world's 67 visual",
          "concepts (a CUB-style attribute list; each concept proposed by the species most of whose birds show",
          "it); field-guide: the field guide's phrases that pass the demo's filters; candidates: all of them.",
          "",
          "Example:",
          "  glassbox world export-dataset --out world-data --concepts world",
          "  glassbox compare --data world-data --methods labo,probe,pcbm,pcbm-h,dncbm --out world-comparison"})
  static final class ExportDataset implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    WorldOptions world = new WorldOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset directory to write.")
    Path out;

    @Option(names = "--concepts", defaultValue = "world", description = "world, field-guide or candidates (default: ${DEFAULT-VALUE}).")
    String concepts;

    @Option(names = "--force", description = "Replace DIR if it exists.")
    boolean force;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      Pool pool = parsePool(spec, "--concepts", concepts);
      WorldConfig wc = world.config(spec);
      OutputPaths.checkNotOverInputs(spec, "--out", out, "--cache", world.cache);
      OutputPaths.checkWritableTarget(out, force);
      WorldDatasets.WithConcepts w;
      try (Progress p = new Progress(quiet)) {
        w = pool(world.prepare(wc, p, spec.commandLine().getErr()), pool);
      }
      DatasetStore.write(out, w.dataset(), w.concepts(), w.classEmbeddings(), DemoPipeline.towerIdentity(w.dataset()), force);
      spec.commandLine().getOut().println("wrote the concept world (" + w.dataset().size() + " images, " + w.dataset().numClasses()
          + " species, " + w.concepts().concepts().size() + " concepts) to " + out);
      return 0;
    }
  }

  static Pool parsePool(CommandLine.Model.CommandSpec spec, String option, String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "world" -> Pool.WORLD;
      case "field-guide" -> Pool.FIELD_GUIDE;
      case "candidates" -> Pool.CANDIDATES;
      default -> throw Choices.usage(spec, "Invalid value for option '" + option + "': '" + s + "' (expected world, field-guide or candidates)");
    };
  }

  @Command(
      name = "compare-selection",
      mixinStandardHelpOptions = true,
      description = {
          "LaBo's submodular selection against random selection at the same budget, by the downstream accuracy",
          "of a model trained on each choice, under the few-shot protocol (both selectors score on the run's",
          "training images only). The pool is the field guide's candidates (all of them by default, so that",
          "selection, not the filters, decides), the model LaBo's head by default.",
          "",
          "Example:",
          "  glassbox world compare-selection --shots 1,4 --seeds 5 --per-class 3 --json"})
  static final class CompareSelection implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    WorldOptions world = new WorldOptions();

    @Option(names = "--shots", defaultValue = "1,4", description = "Shot counts (default: ${DEFAULT-VALUE}).")
    String shots;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds per shot count (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--per-class", defaultValue = "3", description = "Concepts chosen per species (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--pool", defaultValue = "candidates", description = "candidates, field-guide or world (default: ${DEFAULT-VALUE}).")
    String pool;

    @Option(names = "--method", defaultValue = "labo", description = "The model trained on each choice (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "An option of the method; repeatable.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      List<Shots> shotList;
      try {
        shotList = Shots.parseList(shots);
      } catch (IllegalArgumentException e) {
        throw Choices.usage(spec, "Invalid value for option '--shots': '" + shots + "': " + e.getMessage());
      }
      Choices.atLeast(spec, "--seeds", seeds, 1);
      Choices.atLeast(spec, "--per-class", perClass, 1);
      Pool poolKind = parsePool(spec, "--pool", pool);
      TrainCommand.options(spec, TrainCommand.method(spec, method), settings, "");
      Map<String, String> opts = MethodOptions.parsePairs(settings);
      WorldConfig wc = world.config(spec);
      SelectionStudy.Result r;
      try (Progress p = new Progress(quiet || json)) {
        DemoPipeline.Prepared prepared = world.prepare(wc, p, spec.commandLine().getErr());
        WorldDatasets.WithConcepts w = pool(prepared, poolKind);
        r = SelectionStudy.run(w, prepared.candidates(), shotList, seeds, perClass, method, opts, p);
      }
      var out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("per_class", perClass);
        j.put("method", method);
        j.put("pool", pool);
        j.put("summary", r.summary());
        j.put("runs", r.runs());
        Output.json(out, j);
      } else {
        out.printf(Locale.ROOT, "test accuracy of '%s' on %d concepts per species, mean ± std over %d seeds%n", method, perClass, seeds);
        out.printf(Locale.ROOT, "%-10s %-22s %-22s%n", "shots", "LaBo selection", "random selection");
        for (Map.Entry<String, Object> e : r.summary().entrySet()) {
          @SuppressWarnings("unchecked")
          Map<String, Map<String, Object>> cell = (Map<String, Map<String, Object>>) e.getValue();
          out.printf(Locale.ROOT, "%-10s %-22s %-22s%n", e.getKey(), fmt(cell.get("labo")), fmt(cell.get("random")));
        }
      }
      return 0;
    }

    private static String fmt(Map<String, Object> c) {
      return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * (double) c.get("test_accuracy_mean"), 100 * (double) c.get("test_accuracy_std"));
    }
  }
}
