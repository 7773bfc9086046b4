package dev.glassbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.compare.Comparison;
import dev.glassbox.compare.ComparisonReport;
import dev.glassbox.compare.ComparisonResult;
import dev.glassbox.compare.ComparisonSpec;
import dev.glassbox.compare.FewShotProtocol;
import dev.glassbox.compare.FewShotSplit;
import dev.glassbox.compare.Shots;
import dev.glassbox.data.Dataset;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Json;
import dev.glassbox.pipeline.CbmMethod;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.InvalidOptionException;
import dev.glassbox.pipeline.MethodOptions;
import dev.glassbox.pipeline.TrainingInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
        "Run several training methods on one dataset under the few-shot protocol (LaBo's: 1/2/4/8/16/all",
        "training items per class, several seeds, every run scored on the whole test split) and write the",
        "table (test accuracy mean ± std, non-zero weights, coverage, training time) as comparison.json and",
        "as a self-contained comparison.html with charts. The drawn training items of every run are written",
        "to splits/ so the comparison can be replayed with --splits. Methods come from 'glassbox methods'.",
        "",
        "Example:",
        "  glassbox compare --data synth-data --methods sparse,labo,probe,cms --shots 1,2,4,8,16,all --seeds 3 \\",
        "      --out comparison --set labo.epochs=1000"})
final class CompareCommand implements Callable<Integer> {
  static final String JSON_FILE = "comparison.json";
  static final String HTML_FILE = "comparison.html";
  static final String SPLITS_DIR = "splits";

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset directory.")
  Path data;

  @Option(names = "--methods", required = true, split = ",", paramLabel = "M1,M2,…", description = "Methods to compare, in report order.")
  List<String> methods;

  @Option(names = "--shots", defaultValue = "1,2,4,8,16,all", paramLabel = "LIST",
      description = "Training items per class, comma-separated; 'all' for the whole training split (default: ${DEFAULT-VALUE}).")
  String shots;

  @Option(names = "--seeds", defaultValue = "3", description = "Repetitions per shot count (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--seed", defaultValue = "0", description = "Root seed of the repetitions' seeds (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--set", paramLabel = "METHOD.NAME=VALUE", description = "An option of one method (e.g. labo.epochs=500); repeatable.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--splits", paramLabel = "DIR",
      description = "Replay the few-shot splits saved in DIR (a previous comparison's splits/); --shots, --seeds and --seed are then taken from the files.")
  Path splitsDir;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write comparison.json, comparison.html and splits/ to.")
  Path out;

  @Option(names = "--force", description = "Replace DIR if it exists.")
  boolean force;

  @Option(names = "--quiet", description = "No progress or per-run lines on stderr.")
  boolean quiet;

  @Option(names = "--json", description = "Print the comparison as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<String> names = methods.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    Map<String, CbmMethod> byName = new LinkedHashMap<>();
    for (String m : names) {
      try {
        byName.put(m, CbmMethods.byName(m));
      } catch (IllegalArgumentException e) {
        throw Choices.usage(spec, "Invalid value for option '--methods': " + e.getMessage());
      }
    }
    Choices.atLeast(spec, "--seeds", seeds, 1);
    List<Shots> shotList;
    try {
      shotList = Shots.parseList(shots);
    } catch (IllegalArgumentException e) {
      throw Choices.usage(spec, "Invalid value for option '--shots': '" + shots + "': " + e.getMessage());
    }
    Map<String, Map<String, String>> options;
    try {
      options = ComparisonSpec.parseOptions(settings, names);
    } catch (IllegalArgumentException e) {
      throw Choices.usage(spec, "Invalid value for option '--set': " + e.getMessage());
    }
    Map<String, MethodOptions> checked = new LinkedHashMap<>();
    for (String m : names) {
      checked.put(m, TrainCommand.options(spec, byName.get(m), options.getOrDefault(m, Map.of()), m + "."));
    }
    ComparisonSpec cs;
    try {
      cs = new ComparisonSpec(names, options, shotList, seeds, seed);
    } catch (IllegalArgumentException e) {
      throw Choices.usage(spec, "Invalid value for option '--methods': " + e.getMessage());
    }
    OutputPaths.checkNotOverInputs(spec, "--out", out, "--data", data);
    OutputPaths.checkWritableTarget(out, force);
    var err = spec.commandLine().getErr();
    ComparisonResult result;
    try (DatasetStore.Stored s = DatasetStore.read(data); Progress p = new Progress(quiet || json)) {
      Dataset d = s.dataset();
      List<FewShotSplit> replay = splitsDir == null ? null : readSplits(splitsDir, d);
      try {
        result = Comparison.run(cs, new TrainingInput(d, s.concepts(), seed, s.classEmbeddings()), replay, p, line -> {
          if (!quiet) {
            err.println(line);
            err.flush();
          }
        });
      } catch (IllegalArgumentException e) {
        throw refusedSetting(e, checked);
      }
    }
    Map<String, Object> j = result.toJson();
    String html = ComparisonReport.html(result);
    AtomicFiles.writeDirectory(out, force, tmp -> {
      AtomicFiles.write(tmp.resolve(JSON_FILE), Json.bytes(j));
      AtomicFiles.write(tmp.resolve(HTML_FILE), html.getBytes(StandardCharsets.UTF_8));
      Path sd = Files.createDirectories(tmp.resolve(SPLITS_DIR));
      for (FewShotSplit sp : result.splits()) {
        AtomicFiles.write(sd.resolve(sp.fileName()), Json.bytes(sp.toJson(result.dataset(), result.datasetFingerprint())));
      }
    });
    var w = spec.commandLine().getOut();
    if (json) {
      Output.json(w, j);
    } else {
      w.println(table(result));
      w.println("wrote " + out.resolve(JSON_FILE) + ", " + out.resolve(HTML_FILE) + " and " + result.splits().size() + " split files in "
          + out.resolve(SPLITS_DIR));
    }
    return 0;
  }

  /**
   * A run's failure as the user can act on it: a usage error naming {@code --set METHOD.NAME=VALUE}
   * when a setting does not parse; when a method refused a configuration built from its settings,
   * the failure followed by that method's settings as typed (the method names its own fields).
   */
  private RuntimeException refusedSetting(IllegalArgumentException e, Map<String, MethodOptions> checked) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidOptionException io) {
        return TrainCommand.usage(spec, io, io.method() + ".");
      }
    }
    String msg = e.getMessage();
    for (Map.Entry<String, MethodOptions> m : checked.entrySet()) {
      if (msg != null && msg.startsWith("method '" + m.getKey() + "' ")) {
        return TrainCommand.withSettingsGiven(e, m.getValue(), m.getKey() + ".");
      }
    }
    return e;
  }

  /** Reads every split file in {@code dir}, checking it was drawn from {@code d}. */
  static List<FewShotSplit> readSplits(Path dir, Dataset d) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no such directory of few-shot splits");
    }
    List<Path> files;
    try (Stream<Path> st = Files.list(dir)) {
      files = st.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(dir + " holds no few-shot split files (*.json); give a previous comparison's " + SPLITS_DIR + "/ directory");
    }
    String fp = d.fingerprint();
    List<FewShotSplit> out = new ArrayList<>();
    for (Path f : files) {
      JsonNode n = Json.read(f);
      if (!FewShotSplit.FORMAT.equals(n.path("format").asText())) {
        throw new IllegalArgumentException(f + " is not a few-shot split (format '" + n.path("format").asText() + "', expected '"
            + FewShotSplit.FORMAT + "')");
      }
      if (n.path("formatVersion").asInt(-1) > FewShotSplit.FORMAT_VERSION) {
        throw new IllegalArgumentException(f + " has split format version " + n.path("formatVersion").asInt() + ", newer than this Glassbox reads ("
            + FewShotSplit.FORMAT_VERSION + ")");
      }
      String theirs = n.path("datasetFingerprint").asText();
      if (!theirs.equals(fp)) {
        throw new IllegalArgumentException(f + " was drawn from a dataset with fingerprint " + abbreviate(theirs) + ", but " + d.name()
            + " has fingerprint " + abbreviate(fp) + "; replay splits on the dataset they were drawn from");
      }
      List<String> ids = new ArrayList<>();
      n.path("trainIds").forEach(x -> ids.add(x.asText()));
      out.add(FewShotProtocol.fromIds(d, Shots.parse(n.path("shots").asText()), n.path("seedIndex").asInt(), n.path("seed").asLong(), ids));
    }
    out.sort(Comparator.comparing(FewShotSplit::shots).thenComparingInt(FewShotSplit::seedIndex));
    return out;
  }

  private static String abbreviate(String fp) {
    return fp.length() > 12 ? fp.substring(0, 12) + "…" : fp;
  }

  static String table(ComparisonResult r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "test accuracy (%%), mean ± std over %d seed%s, on %s%n", r.spec().seeds(),
        r.spec().seeds() == 1 ? "" : "s", r.dataset()));
    b.append(String.format(Locale.ROOT, "%-10s", "method"));
    for (Shots s : r.spec().shots()) {
      b.append(String.format(Locale.ROOT, " %14s", s.isAll() ? "all" : s.label() + "-shot"));
    }
    b.append('\n');
    for (String m : r.spec().methods()) {
      b.append(String.format(Locale.ROOT, "%-10s", m));
      for (Shots s : r.spec().shots()) {
        ComparisonResult.Cell c = r.cell(m, s);
        b.append(String.format(Locale.ROOT, " %14s", c == null ? "–"
            : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * c.accuracyMean(), 100 * c.accuracyStd())));
      }
      b.append('\n');
    }
    return b.toString().stripTrailing();
  }
}
