package dev.glassbox.pipeline;

import dev.glassbox.bottleneck.BottleneckConfig;
import dev.glassbox.bottleneck.Bottlenecks;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.head.ElasticNetConfig;
import dev.glassbox.head.ElasticNetHeadTrainer;
import dev.glassbox.head.HeadData;
import dev.glassbox.head.HeadFit;
import dev.glassbox.head.LogisticRegressionTrainer;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.util.Configs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default method, after Label-free CBM: concept activations from the image–concept similarity,
 * standardised on the training split, and a sparse elastic-net head (the GLM-SAGA objective)
 * selected along a regularisation path. A dense L2 logistic regression on the same activations is
 * trained beside it, so the cost of sparsity is visible ({@code dense_val_accuracy}).
 */
public final class SparseMethod implements CbmMethod {
  public static final String NAME = "sparse";

  /** Constraints on the head's weights from where the concepts came from. */
  public enum Prior {
    /** Unconstrained weights. */
    NONE,
    /** A class may weigh its own proposed concepts only positively and other classes' only negatively. */
    LANGUAGE,
    /** A class may weigh only its own proposed concepts, and only positively. */
    LANGUAGE_POSITIVE
  }

  /**
   * The language prior's sign per weight ({@code [classes × concepts]}): +1 where the class proposed
   * the concept, −1 where another class did ({@link ElasticNetHeadTrainer#FIXED_ZERO} when
   * {@code positiveOnly}), 0 for a concept no class proposed. A concept's proposers are
   * {@link dev.glassbox.concepts.Concept#proposingClasses()}.
   */
  public static byte[] languageSigns(java.util.List<String> classNames, dev.glassbox.concepts.ConceptSet concepts, boolean positiveOnly) {
    int c = classNames.size();
    int k = concepts.size();
    byte[] out = new byte[c * k];
    for (int j = 0; j < k; j++) {
      java.util.List<String> by = concepts.get(j).proposingClasses();
      if (by.isEmpty()) {
        continue;
      }
      for (int cl = 0; cl < c; cl++) {
        out[cl * k + j] = by.contains(classNames.get(cl)) ? 1 : positiveOnly ? ElasticNetHeadTrainer.FIXED_ZERO : -1;
      }
    }
    return out;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "similarity concept scores + sparse elastic-net head along a regularisation path (Label-free CBM / GLM-SAGA)";
  }

  @Override
  public List<OptionSpec> options() {
    ElasticNetConfig d = ElasticNetConfig.defaults();
    return List.of(
        new OptionSpec("scoring", "cosine", "concept score: cosine (Label-free CBM's CLIP similarity), dot (LaBo's raw product) or cos-cubed"),
        new OptionSpec("standardize", "true", "standardise activations with training-split mean/std (Label-free CBM's proj_mean/std)"),
        new OptionSpec("alpha", String.valueOf(d.alpha()), "L1 share of the elastic net, (0, 1]; 0.99 as in Label-free CBM"),
        new OptionSpec("epsilon", String.valueOf(d.epsilon()), "path end as a fraction of λ_max, (0, 1); 1e-3 as in GLM-SAGA"),
        new OptionSpec("path-length", String.valueOf(d.pathLength()), "λ values on the path, ≥ 1; 100 as in GLM-SAGA"),
        new OptionSpec("tolerance", String.valueOf(d.tolerance()), "convergence threshold on the proximal gradient mapping; 1e-4 as in GLM-SAGA"),
        new OptionSpec("max-iterations", String.valueOf(d.maxIterations()), "solver iterations per path point"),
        new OptionSpec("max-per-class", String.valueOf(d.maxNonZerosPerClass()), "sparsity budget: non-zero weights per class, 0 for none"),
        new OptionSpec("selection", "sparsest-within", "path point choice: sparsest-within (fewest non-zeros within selection-tolerance of the best), densest-within (most non-zeros within it and the budget) or best-validation"),
        new OptionSpec("selection-tolerance", String.valueOf(d.selectionTolerance()), "validation accuracy given up for sparsity by sparsest-within, [0, 1)"),
        new OptionSpec("patience", String.valueOf(d.patience()), "stop the path after this many points without a better validation accuracy; 0 = whole path"),
        new OptionSpec("lambda", "none", "a single λ instead of a path (Label-free CBM's lam/alpha), or none"),
        new OptionSpec("dense-baseline", "true", "also train a dense L2 logistic regression on the same activations and report its accuracy"),
        new OptionSpec("prior", "none", "weight signs from the concepts' proposing classes: none; language (a class's own concepts may only "
            + "count for it, others' only against it; LaBo's language prior as a constraint); or language-positive (a class "
            + "weighs only its own concepts, positively)"));
  }

  @Override
  public TrainResult train(TrainingInput input, MethodOptions o, ProgressListener progress) {
    BottleneckConfig bc = new BottleneckConfig(o.choice("scoring", Scoring.class), o.bool("standardize"));
    ElasticNetConfig ec = ElasticNetConfig.defaults()
        .withAlpha(o.real("alpha")).withEpsilon(o.real("epsilon")).withPathLength(o.integer("path-length"))
        .withTolerance(o.real("tolerance")).withMaxIterations(o.integer("max-iterations"))
        .withMaxNonZerosPerClass(o.integer("max-per-class"))
        .withSelection(o.choice("selection", ElasticNetConfig.Selection.class))
        .withSelectionTolerance(o.real("selection-tolerance")).withPatience(o.integer("patience"))
        .withLambda(o.real("lambda"));
    boolean dense = o.bool("dense-baseline");

    Dataset d = input.dataset();
    ConceptEmbeddings ce = input.requireConcepts(NAME);
    int[] tr = MethodSupport.trainIndices(d);
    int[] va = d.indices(Split.VALIDATION);
    Bottlenecks.Fitted fitted = Bottlenecks.fit(ce, d.embeddingsOf(tr), bc, progress);
    FloatMatrix valActs = fitted.bottleneck().activate(d.embeddingsOf(va), ProgressListener.NONE);
    HeadData hd = new HeadData(fitted.trainActivations(), d.labelsOf(tr), valActs, d.labelsOf(va), d.numClasses());
    Prior prior = o.choice("prior", Prior.class);
    byte[] signs = prior == Prior.NONE ? null : languageSigns(d.classNames(), ce.concepts(), prior == Prior.LANGUAGE_POSITIVE);
    HeadFit fit = new ElasticNetHeadTrainer(ec, signs).fit(hd, progress);

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bottleneck", Configs.toMap(bc));
    config.put("head", Configs.toMap(ec));
    config.put("dense_baseline", dense);
    config.put("prior", prior.name().toLowerCase(java.util.Locale.ROOT));
    ConceptBottleneckModel model = new ConceptBottleneckModel(
        d.classNames(), ce.concepts(), fitted.bottleneck(), fit.head(),
        MethodSupport.provenance(NAME, config, input, ce.concepts().hash()));
    Map<String, Object> metrics = MethodSupport.metrics(model, d, fit);
    if (dense) {
      HeadFit df = LogisticRegressionTrainer.defaults().fit(hd, ProgressListener.NONE);
      metrics.put("dense_val_accuracy", MethodSupport.nanToNull(df.selectedReport().valAccuracy()));
      metrics.put("dense_l2_lambda", df.selectedReport().lambda());
    }
    model = model.withProvenance(model.provenance().withMetrics(metrics));
    return new TrainResult(model, fit, metrics);
  }
}
