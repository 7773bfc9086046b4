package dev.glassbox.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a comparison measured: every run, and per method and shot count the summary over seeds.
 *
 * @param dataset the dataset's name
 * @param datasetFingerprint its fingerprint (see {@code Dataset.fingerprint})
 * @param numClasses its classes
 * @param splitSizes items per split of the full dataset (train, val, test)
 * @param spec what was run
 * @param methodOptions per method, every option's effective value
 * @param splits the few-shot splits, in run order
 * @param runs one result per (shots, seed, method)
 * @param cells one summary per (method, shots), methods in spec order then shots ascending
 */
public record ComparisonResult(
    String dataset, String datasetFingerprint, int numClasses, int[] splitSizes, ComparisonSpec spec,
    Map<String, Map<String, String>> methodOptions, List<FewShotSplit> splits, List<Run> runs, List<Cell> cells) {

  public ComparisonResult {
    splits = List.copyOf(splits);
    runs = List.copyOf(runs);
    cells = List.copyOf(cells);
  }

  /**
   * One trained model's scores.
   *
   * @param testAccuracy top-1 on the test split
   * @param valAccuracy top-1 on the validation split (NaN when empty)
   * @param nonZeros non-zero head weights
   * @param coverage mean concepts reaching 90% of the predicted logit on the test split (DN-CBM's)
   * @param trainSeconds wall-clock seconds of the method's train call (which includes the method's
   *     own evaluation of its validation and test accuracy)
   * @param converged the method's own convergence flag
   */
  public record Run(String method, Shots shots, int seedIndex, long seed, double testAccuracy, double valAccuracy,
      int nonZeros, double coverage, double trainSeconds, boolean converged) {}

  /**
   * The summary of one method at one shot count over its seeds.
   *
   * @param runs number of runs (seeds)
   * @param accuracyMean mean test accuracy
   * @param accuracyStd sample standard deviation (divisor runs − 1) of the test accuracy; 0 for one run
   * @param valAccuracyMean mean validation accuracy
   * @param nonZerosMean mean non-zero head weights
   * @param coverageMean mean coverage
   * @param trainSecondsMedian median training time (robust to the first run's JVM warm-up)
   * @param convergedRuns how many runs reported convergence
   */
  public record Cell(String method, Shots shots, int runs, double accuracyMean, double accuracyStd, double valAccuracyMean,
      double nonZerosMean, double coverageMean, double trainSecondsMedian, int convergedRuns) {}

  /** The cell of {@code method} at {@code shots}, or null. */
  public Cell cell(String method, Shots shots) {
    for (Cell c : cells) {
      if (c.method().equals(method) && c.shots().equals(shots)) {
        return c;
      }
    }
    return null;
  }

  /** A JSON-compatible form (NaN becomes null). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "glassbox-comparison");
    m.put("formatVersion", 1);
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("name", dataset);
    ds.put("fingerprint", datasetFingerprint);
    ds.put("classes", numClasses);
    ds.put("train", splitSizes[0]);
    ds.put("val", splitSizes[1]);
    ds.put("test", splitSizes[2]);
    m.put("dataset", ds);
    Map<String, Object> protocol = new LinkedHashMap<>();
    protocol.put("shots", spec.shots().stream().map(Shots::label).toList());
    protocol.put("seeds", spec.seeds());
    protocol.put("rootSeed", spec.rootSeed());
    protocol.put("splitFiles", splits.stream().map(FewShotSplit::fileName).toList());
    m.put("protocol", protocol);
    List<Object> methods = new ArrayList<>();
    for (String name : spec.methods()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("name", name);
      mm.put("options", new LinkedHashMap<>(methodOptions.getOrDefault(name, Map.of())));
      methods.add(mm);
    }
    m.put("methods", methods);
    List<Object> table = new ArrayList<>();
    for (Cell c : cells) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("method", c.method());
      t.put("shots", c.shots().label());
      t.put("runs", c.runs());
      t.put("test_accuracy_mean", num(c.accuracyMean()));
      t.put("test_accuracy_std", num(c.accuracyStd()));
      t.put("val_accuracy_mean", num(c.valAccuracyMean()));
      t.put("nonzeros_mean", num(c.nonZerosMean()));
      t.put("coverage_mean", num(c.coverageMean()));
      t.put("train_seconds_median", num(c.trainSecondsMedian()));
      t.put("converged_runs", c.convergedRuns());
      table.add(t);
    }
    m.put("table", table);
    List<Object> rs = new ArrayList<>();
    for (Run r : runs) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("method", r.method());
      t.put("shots", r.shots().label());
      t.put("seedIndex", r.seedIndex());
      t.put("seed", r.seed());
      t.put("test_accuracy", num(r.testAccuracy()));
      t.put("val_accuracy", num(r.valAccuracy()));
      t.put("nonzeros", r.nonZeros());
      t.put("coverage", num(r.coverage()));
      t.put("train_seconds", num(r.trainSeconds()));
      t.put("converged", r.converged());
      rs.add(t);
    }
    m.put("runs", rs);
    return m;
  }

  private static Object num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
