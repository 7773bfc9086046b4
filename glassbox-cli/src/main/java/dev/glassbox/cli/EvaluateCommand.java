package dev.glassbox.cli;

import dev.glassbox.data.Split;
import dev.glassbox.evaluate.Evaluation;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.model.ConceptBottleneckModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
        "Measure a model on a dataset: top-1/top-5 accuracy (validation and test), per-class accuracy,",
        "confusion matrix, non-zero weights per class, Discover-then-Name's coverage, and — when the",
        "dataset carries ground truth — the share of each class's true concepts the head uses.",
        "",
        "Example:",
        "  glassbox evaluate --model model --data synth-data --json"})
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOption model = new ModelOption();

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset directory.")
  Path data;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ConceptBottleneckModel m = model.load();
    Evaluation val;
    Evaluation test;
    try (DatasetStore.Stored s = DatasetStore.read(data)) {
      val = Evaluator.evaluate(m, s.dataset(), Split.VALIDATION);
      test = Evaluator.evaluate(m, s.dataset(), Split.TEST);
    }
    var w = spec.commandLine().getOut();
    int[] nz = m.head().nonZerosPerClass();
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("model", model.model.toString());
      j.put("val_accuracy", finite(val.top1()));
      j.put("test_accuracy", finite(test.top1()));
      j.put("val_top5_accuracy", finite(val.top5()));
      j.put("test_top5_accuracy", finite(test.top5()));
      List<Integer> nzl = new ArrayList<>();
      for (int v : nz) {
        nzl.add(v);
      }
      j.put("nonzeros_per_class", nzl);
      j.put("test_coverage", finite(test.meanCoverage()));
      Map<String, Object> pc = new LinkedHashMap<>();
      for (int c = 0; c < m.numClasses(); c++) {
        pc.put(m.classNames().get(c), finite(test.perClassAccuracy()[c]));
      }
      j.put("test_per_class_accuracy", pc);
      j.put("test_confusion", test.confusion());
      if (test.recovery() != null) {
        j.put("true_concept_recovery", finite(test.recovery().overall()));
        j.put("true_concept_recovery_positive", finite(test.recovery().overallPositive()));
        j.put("true_concept_recovery_min_class", finite(test.recovery().minPerClass()));
        j.put("true_concept_precision", finite(test.recovery().precision()));
      }
      Output.json(w, j);
    } else {
      w.println("validation: top-1 " + Output.pct(val.top1()) + ", top-5 " + Output.pct(val.top5()) + " (" + val.items() + " items)");
      w.println("test:       top-1 " + Output.pct(test.top1()) + ", top-5 " + Output.pct(test.top5()) + " (" + test.items() + " items)");
      int total = 0;
      int max = 0;
      for (int v : nz) {
        total += v;
        max = Math.max(max, v);
      }
      w.println("non-zero weights: " + total + " (at most " + max + " per class)");
      w.println("coverage (concepts to reach 90% of the logit): " + Output.num(test.meanCoverage()));
      if (test.recovery() != null) {
        w.println("true concepts used: " + Output.pct(test.recovery().overall()) + " (lowest class " + Output.pct(test.recovery().minPerClass()) + ")");
      }
    }
    return 0;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
