package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.head.FitReport;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.ModelStore;
import dev.glassbox.pipeline.CbmMethod;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.InvalidOptionException;
import dev.glassbox.pipeline.MethodOptions;
import dev.glassbox.pipeline.MethodSupport;
import dev.glassbox.pipeline.OptionSpec;
import dev.glassbox.pipeline.SparseMethod;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
  CommandSpec spec;

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
    // Validate the method, its options and the output path before any work.
    CbmMethod m = method(spec, method);
    MethodOptions options = options(spec, m, settings, "");
    OutputPaths.checkNotOverInputs(spec, "--out", out, "--data", data);
    OutputPaths.checkWritableTarget(out, force);
    TrainResult r;
    List<String> untrained;
    try (DatasetStore.Stored s = DatasetStore.read(data); Progress p = new Progress(quiet || json)) {
      untrained = MethodSupport.classesWithoutTrainingItems(s.dataset());
      warnUntrained(s.dataset(), untrained);
      warnZeroConcepts(s.concepts());
      r = train(spec, m, new TrainingInput(s.dataset(), s.concepts(), seed, s.classEmbeddings()), options, "", p);
    }
    ModelStore.save(r.model(), out, force);
    var w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("model", out.toString());
      j.put("method", method);
      j.putAll(r.metrics());
      j.put("classes_without_training_items", untrained);
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
        w.println("  warning: " + notConverged(m, r.metrics()));
      }
    }
    return 0;
  }

  /** What did not converge, and which of the method's options to raise. */
  static String notConverged(CbmMethod m, Map<String, Object> metrics) {
    java.util.Set<String> opts = new java.util.HashSet<>();
    m.options().forEach(o -> opts.add(o.name()));
    if (Boolean.FALSE.equals(metrics.get("residual_converged")) && opts.contains("residual-epochs")) {
      return "the residual had not converged when its epochs ran out; raise residual-epochs";
    }
    if (opts.contains("plateau-tolerance")) {
      return "the loss was still changing by more than plateau-tolerance when training ended; raise epochs";
    }
    if (opts.contains("epochs") && opts.contains("patience")) {
      return "validation accuracy was still improving when training ended (no plateau of 'patience' checks); raise epochs";
    }
    return "the selected point did not converge within its iteration limit; raise max-iterations";
  }

  /** The method named by {@code --method}; an unknown name is a usage error listing the methods. */
  static CbmMethod method(CommandSpec spec, String name) {
    try {
      return CbmMethods.byName(name);
    } catch (IllegalArgumentException e) {
      throw Choices.usage(spec, "Invalid value for option '--method': " + e.getMessage());
    }
  }

  /**
   * {@code settings} ({@code NAME=VALUE}, as given to {@code --set}) checked against {@code m}'s
   * options; a malformed setting, an unknown name or a refused value is a usage error naming
   * {@code --set PREFIX+NAME=VALUE}.
   */
  static MethodOptions options(CommandSpec spec, CbmMethod m, List<String> settings, String prefix) {
    for (String s : settings) {
      if (s.indexOf('=') <= 0) {
        throw Choices.usage(spec, "Invalid value for option '--set': '" + prefix + s + "' (expected " + prefix + "NAME=VALUE, e.g. "
            + prefix + exampleSetting(m, s.strip()) + ")");
      }
    }
    return options(spec, m, MethodOptions.parsePairs(settings), prefix);
  }

  /** As {@link #options(CommandSpec, CbmMethod, List, String)}, for settings already split into names and values. */
  static MethodOptions options(CommandSpec spec, CbmMethod m, Map<String, String> settings, String prefix) {
    try {
      return new MethodOptions(m.name(), m.options(), settings);
    } catch (InvalidOptionException e) {
      throw usage(spec, e, prefix);
    } catch (IllegalArgumentException e) {
      throw Choices.usage(spec, "Invalid value for option '--set': " + e.getMessage() + " (see 'glassbox methods')");
    }
  }

  /**
   * Trains {@code m}. A setting that does not parse is a usage error naming {@code --set
   * PREFIX+NAME=VALUE}; when the method refuses a configuration built from the settings (a value
   * out of range), its message is followed by the settings given, as typed, since the method names
   * its own fields.
   */
  static TrainResult train(CommandSpec spec, CbmMethod m, TrainingInput input, MethodOptions options, String prefix, Progress p) {
    try {
      return m.train(input, options, p);
    } catch (InvalidOptionException e) {
      throw usage(spec, e, prefix);
    } catch (IllegalArgumentException e) {
      throw withSettingsGiven(e, options, prefix);
    }
  }

  /**
   * {@code e} followed by the settings given ({@code --set PREFIX+NAME=VALUE}, as typed), or
   * {@code e} itself when none were: a method's refusal names its own fields, the user typed these.
   */
  static IllegalArgumentException withSettingsGiven(IllegalArgumentException e, MethodOptions options, String prefix) {
    if (options.given().isEmpty()) {
      return e;
    }
    List<String> given = new java.util.ArrayList<>();
    options.given().forEach((k, v) -> given.add("--set " + prefix + k + "=" + v));
    return new IllegalArgumentException(e.getMessage() + " (settings given: " + String.join(" ", given) + ")", e);
  }

  static CommandLine.ParameterException usage(CommandSpec spec, InvalidOptionException e, String prefix) {
    CommandLine.ParameterException u = Choices.usage(spec, "Invalid value for --set " + prefix + e.option() + "=" + e.value() + ": " + e.reason());
    u.initCause(e);
    return u;
  }

  /** {@code name=its default} when {@code name} is one of {@code m}'s options, else its first option's. */
  private static String exampleSetting(CbmMethod m, String name) {
    for (OptionSpec o : m.options()) {
      if (o.name().equals(name)) {
        return o.name() + "=" + o.defaultValue();
      }
    }
    return m.options().isEmpty() ? "name=value" : m.options().get(0).name() + "=" + m.options().get(0).defaultValue();
  }

  /** A concept embedding of all zeros scores every image 0 (its cosine is undefined): said, since training goes on without it. */
  private void warnZeroConcepts(dev.glassbox.encode.ConceptEmbeddings concepts) {
    if (concepts == null) {
      return;
    }
    List<String> zero = new java.util.ArrayList<>();
    float[] e = concepts.embeddings().data();
    int dim = concepts.dim();
    for (int i = 0; i < concepts.concepts().size(); i++) {
      boolean allZero = true;
      for (int j = 0; j < dim && allZero; j++) {
        allZero = e[i * dim + j] == 0f;
      }
      if (allZero) {
        zero.add("\"" + concepts.concepts().get(i).text() + "\"");
      }
    }
    if (!zero.isEmpty()) {
      spec.commandLine().getErr().println("warning: " + zero.size() + " of " + concepts.concepts().size() + " concept embeddings are all zeros ("
          + String.join(", ", zero.subList(0, Math.min(5, zero.size()))) + (zero.size() > 5 ? ", …" : "")
          + "): they score every image 0 and carry no information; re-embed the concepts ('glassbox embed concepts')");
      spec.commandLine().getErr().flush();
    }
  }

  private void warnUntrained(Dataset d, List<String> untrained) {
    if (untrained.isEmpty()) {
      return;
    }
    var err = spec.commandLine().getErr();
    for (String c : untrained) {
      int y = d.classNames().indexOf(c);
      int items = 0;
      for (int l : d.labels()) {
        items += l == y ? 1 : 0;
      }
      err.println("warning: class \"" + c + "\" has no training items (its " + items + " items are all in the validation and test "
          + "splits): the model learns it from no example (only methods with a class-name or concept prior, such as cms and labo, "
          + "can still predict it)");
    }
    err.flush();
  }
}
