package dev.glassbox.methods.probe;

import dev.glassbox.head.FitReport;
import dev.glassbox.head.HeadData;
import dev.glassbox.head.HeadFit;
import dev.glassbox.head.LogisticRegressionTrainer;
import dev.glassbox.progress.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The linear probe as LaBo evaluates it (methods.md §1, "Baseline and protocol"): multinomial
 * logistic regression with an L2 penalty on raw image embeddings, its strength chosen on validation
 * by {@link CSearch}. LaBo runs scikit-learn's {@code LogisticRegression(penalty='l2', C)}, whose
 * objective is {@code C·Σ_i CE_i + ½‖W‖²} with the intercept unpenalised; dividing by {@code C·n}
 * gives the same minimiser as Glassbox's {@code (1/n)Σ_i CE_i + ½λ‖W‖²} with
 * {@code λ = 1/(C·n)}, which the dense FISTA solver of {@link LogisticRegressionTrainer} minimises.
 * Configured and stateless.
 */
public final class LinearProbeTrainer {
  private final ProbeConfig config;

  public LinearProbeTrainer(ProbeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The L2 strength λ of Glassbox's objective that matches scikit-learn's {@code C} on {@code n} items. */
  public static double lambdaFor(double c, int n) {
    return 1.0 / (c * n);
  }

  /** A fitted probe: the head and reports of every C tried, the chosen one selected. */
  public record ProbeFit(HeadFit fit, double chosenC, Map<Double, Double> triedC) {}

  /** Fits on {@code data} (activations = raw embeddings). */
  public ProbeFit fit(HeadData data, ProgressListener progress) {
    int n = data.trainLabels().length;
    LogisticRegressionTrainer.Session session =
        LogisticRegressionTrainer.withSolver(config.tolerance(), config.maxIterations()).session(data);
    Map<Double, LogisticRegressionTrainer.Point> points = new LinkedHashMap<>();
    int total = Double.isNaN(config.fixedC()) ? config.grid().length + 2 * config.searchSteps() : 1;
    CSearch.Result r;
    if (!Double.isNaN(config.fixedC())) {
      points.put(config.fixedC(), session.fit(lambdaFor(config.fixedC(), n)));
      r = new CSearch.Result(config.fixedC(), Map.of(config.fixedC(), points.get(config.fixedC()).report().valAccuracy()));
    } else {
      if (data.valLabels().length == 0) {
        throw new IllegalArgumentException(
            "the linear probe chooses C on the validation split, and it is empty; add validation items or fix C with c=VALUE");
      }
      r = CSearch.search(config.grid(), config.searchSteps(), c -> {
        LogisticRegressionTrainer.Point p = session.fit(lambdaFor(c, n));
        points.put(c, p);
        progress.progress("probe C search", points.size(), total);
        return p.report().valAccuracy();
      });
    }
    List<FitReport> reports = new ArrayList<>();
    int selected = 0;
    for (Map.Entry<Double, LogisticRegressionTrainer.Point> e : points.entrySet()) {
      if (e.getKey() == r.chosen()) {
        selected = reports.size();
      }
      reports.add(e.getValue().report());
    }
    LogisticRegressionTrainer.Point chosen = points.get(r.chosen());
    String how = Double.isNaN(config.fixedC()) ? "CoOp's C search on validation accuracy (coarse grid, then "
        + config.searchSteps() + " log-space bisection steps)" : "fixed C";
    return new ProbeFit(new HeadFit(chosen.head(), reports, selected, how), r.chosen(), r.tried());
  }
}
