package dev.glassbox.compare;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.evaluate.Evaluation;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.pipeline.CbmMethod;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.MethodOptions;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs several methods on one dataset under the few-shot protocol ({@link FewShotProtocol}) and
 * summarises test accuracy, sparsity, coverage and training time per method and shot count.
 * Methods are looked up by name through {@link CbmMethods}, so any method on the class path can be
 * compared. Every run is scored the same way, by {@link Evaluator} on the full test split.
 *
 * <p>Everything is checked before the first run: method names, their options, and that every class
 * has as many training items as each shot count asks for. Runs go shot counts outermost, then
 * seeds, then methods, so a method that cannot run on the data (a missing input) fails in the first
 * round. A failing run stops the comparison with the method, shot count and seed in the message.
 */
public final class Comparison {
  private Comparison() {}

  /**
   * Runs {@code spec} on {@code input} (its seed is ignored: each run's seed comes from the
   * protocol) over {@code splits}, or over the protocol's own splits when {@code splits} is null.
   *
   * @param log receives one line per finished run
   */
  public static ComparisonResult run(ComparisonSpec spec, TrainingInput input, List<FewShotSplit> splits, ProgressListener progress,
      Consumer<String> log) {
    Map<String, Map<String, String>> effective = new LinkedHashMap<>();
    for (String name : spec.methods()) {
      CbmMethod m = CbmMethods.byName(name);
      effective.put(name, new TreeMap<>(new MethodOptions(m.name(), m.options(), spec.optionsOf(name)).effective()));
    }
    Dataset full = input.dataset();
    if (full.indices(Split.TEST).length == 0) {
      throw new IllegalArgumentException("dataset '" + full.name() + "' has no test items; a comparison scores every run on the whole "
          + "test split, so give the dataset one (e.g. 'glassbox import --test-fraction 0.2')");
    }
    List<FewShotSplit> plan = splits != null ? List.copyOf(splits) : FewShotProtocol.splits(full, spec.shots(), spec.seeds(), spec.rootSeed());
    List<ComparisonResult.Run> runs = new ArrayList<>();
    int total = plan.size() * spec.methods().size();
    int done = 0;
    for (FewShotSplit split : plan) {
      Dataset sub = FewShotProtocol.apply(full, split);
      TrainingInput in = input.withFewShotDataset(sub).withSeed(split.seed());
      for (String method : spec.methods()) {
        long t0 = System.nanoTime();
        TrainResult r;
        try {
          r = CbmMethods.train(method, in, spec.optionsOf(method), ProgressListener.NONE);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("method '" + method + "' failed at " + split.shots().label() + " shots, seed " + split.seedIndex()
              + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Evaluation test = Evaluator.evaluate(r.model(), sub, Split.TEST);
        double val = sub.indices(Split.VALIDATION).length == 0 ? Double.NaN : Evaluator.evaluate(r.model(), sub, Split.VALIDATION).top1();
        boolean converged = r.fit() == null || r.fit().converged();
        ComparisonResult.Run run = new ComparisonResult.Run(method, split.shots(), split.seedIndex(), split.seed(), test.top1(), val,
            r.model().head().nonZeros(), test.meanCoverage(), seconds, converged);
        runs.add(run);
        done++;
        progress.progress("compare", done, total);
        log.accept(String.format(Locale.ROOT, "%s, %s shots, seed %d: test accuracy %.4f, %d non-zeros, %.2f s%s", method,
            split.shots().label(), split.seedIndex(), run.testAccuracy(), run.nonZeros(), seconds, converged ? "" : " (not converged)"));
      }
    }
    List<Shots> shots = plan.stream().map(FewShotSplit::shots).distinct().sorted().toList();
    List<ComparisonResult.Cell> cells = new ArrayList<>();
    for (String method : spec.methods()) {
      for (Shots s : shots) {
        List<ComparisonResult.Run> rs = runs.stream().filter(r -> r.method().equals(method) && r.shots().equals(s)).toList();
        cells.add(summarise(method, s, rs));
      }
    }
    Dataset d = full;
    int[] sizes = {d.indices(Split.TRAIN).length, d.indices(Split.VALIDATION).length, d.indices(Split.TEST).length};
    int seeds = (int) plan.stream().mapToInt(FewShotSplit::seedIndex).distinct().count();
    ComparisonSpec actual = new ComparisonSpec(spec.methods(), spec.options(), shots, seeds, spec.rootSeed());
    return new ComparisonResult(d.name(), d.fingerprint(), d.numClasses(), sizes, actual, effective, plan, runs, cells);
  }

  static ComparisonResult.Cell summarise(String method, Shots s, List<ComparisonResult.Run> rs) {
    int n = rs.size();
    double[] acc = rs.stream().mapToDouble(ComparisonResult.Run::testAccuracy).toArray();
    double mean = mean(acc);
    double ss = 0;
    for (double a : acc) {
      ss += (a - mean) * (a - mean);
    }
    double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    double[] secs = rs.stream().mapToDouble(ComparisonResult.Run::trainSeconds).sorted().toArray();
    double median = n == 0 ? Double.NaN : n % 2 == 1 ? secs[n / 2] : 0.5 * (secs[n / 2 - 1] + secs[n / 2]);
    return new ComparisonResult.Cell(method, s, n, mean, std,
        mean(rs.stream().mapToDouble(ComparisonResult.Run::valAccuracy).toArray()),
        mean(rs.stream().mapToDouble(ComparisonResult.Run::nonZeros).toArray()),
        mean(rs.stream().mapToDouble(ComparisonResult.Run::coverage).toArray()),
        median, (int) rs.stream().filter(ComparisonResult.Run::converged).count());
  }

  private static double mean(double[] v) {
    return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
  }
}
