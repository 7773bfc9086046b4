package dev.glassbox.cli;

import dev.glassbox.head.FitReport;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.ModelStore;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.MethodOptions;
import dev.glassbox.pipeline.SparseMethod;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
        "Train a concept bottleneck model on a dataset directory and save it as a model artifact.",
        "The dataset's train split fits the model, its val split selects hyperparameters (e.g. the",
        "regularisation-path point), its test split is reported. List methods and their options with",
        "'glassbox methods'.",
        "",
        "Example:",
        "  glassbox train --data synth-data --out model --json",
        "  glassbox train --data synth-data --out model --set max-per-class=5 --set alpha=0.9",
        "  glassbox train --data synth-data --out labo-model --method labo --set epochs=1000",
        "  glassbox train --data synth-data --out probe-model --method probe",
        "  glassbox train --data synth-data --out cms-model --method cms --set variant=max-score"})
final class TrainCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset directory (see 'glassbox synth' for the format).")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model directory to write.")
  Path out;

  @Option(names = "--method", defaultValue = SparseMethod.NAME, description = "Training method (default: ${DEFAULT-VALUE}); see 'glassbox methods'.")
  String method;

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A method option; repeatable.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--seed", defaultValue = "0", description = "Root seed for anything stochastic (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--force", description = "Replace MODEL if it exists.")
  boolean force;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Option(names = "--json", description = "Print the metrics as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Map<String, String> opts = MethodOptions.parsePairs(settings);
    // Validate the method, its options and the output path before any work.
    var m = CbmMethods.byName(method);
    new MethodOptions(m.name(), m.options(), opts);
    OutputPaths.checkNotOverInputs(spec, "--out", out, "--data", data);
    OutputPaths.checkWritableTarget(out, force);
    TrainResult r;
    try (DatasetStore.Stored s = DatasetStore.read(data); Progress p = new Progress(quiet || json)) {
      r = CbmMethods.train(method, new TrainingInput(s.dataset(), s.concepts(), seed, s.classEmbeddings()), opts, p);
    }
    ModelStore.save(r.model(), out, force);
    var w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("model", out.toString());
      j.put("method", method);
      j.putAll(r.metrics());
      FitReport sel = r.fit() == null ? null : r.fit().selectedReport();
      if (sel != null) {
        j.put("iterations", sel.iterations());
        j.put("optimality_gap", Double.isFinite(sel.optimalityGap()) ? sel.optimalityGap() : null);
      }
      Output.json(w, j);
    } else {
      w.println("saved " + method + " model to " + out);
      r.metrics().forEach((k, v) -> {
        if (!(v instanceof List<?>)) {
          w.println("  " + k + ": " + v);
        }
      });
      if (r.fit() != null && !r.fit().converged()) {
        boolean epochs = m.options().stream().anyMatch(o -> o.name().equals("epochs"));
        w.println(epochs
            ? "  warning: validation accuracy was still improving when training ended (no plateau of 'patience' checks); raise epochs"
            : "  warning: the selected point did not converge within its iteration limit; raise max-iterations");
      }
    }
    return 0;
  }
}
