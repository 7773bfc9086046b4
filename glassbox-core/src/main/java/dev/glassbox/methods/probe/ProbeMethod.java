package dev.glassbox.methods.probe;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.head.HeadData;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.CbmMethod;
import dev.glassbox.pipeline.MethodOptions;
import dev.glassbox.pipeline.MethodSupport;
import dev.glassbox.pipeline.OptionSpec;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.util.Configs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linear-probe baseline of LaBo and CoOp (methods.md §1): L2 logistic regression on raw image
 * embeddings with C searched on validation ({@link LinearProbeTrainer}). It is not a concept
 * model; it is stored as one whose "concepts" are the embedding dimensions ({@code "dim 0"},
 * {@code "dim 1"}, …): an identity projection bottleneck (dot-product scoring, no
 * standardisation) and the probe's weights as the head. So {@code evaluate}, {@code explain} (which
 * then lists dimensions × weights), {@code serve} and the model format take it unchanged, and its
 * accuracy is the reference the concept models are measured against.
 */
public final class ProbeMethod implements CbmMethod {
  public static final String NAME = "probe";

  /** The source recorded on the dimension "concepts". */
  public static final String DIMENSION_SOURCE = "embedding-dimension";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "linear probe: L2 logistic regression on raw image embeddings, C searched on validation (LaBo's / CoOp's baseline; not a CBM)";
  }

  @Override
  public List<OptionSpec> options() {
    ProbeConfig d = ProbeConfig.defaults();
    return List.of(
        new OptionSpec("c", "none", "a fixed scikit-learn C (inverse L2 strength; λ = 1/(C·n)) instead of the search, or none"),
        new OptionSpec("grid", "1e6,1e4,1e2,1,1e-2,1e-4,1e-6", "coarse C grid, tried in order; CoOp's"),
        new OptionSpec("search-steps", String.valueOf(d.searchSteps()), "log-space binary-search steps after the grid, ≥ 0; CoOp's 8"),
        new OptionSpec("tolerance", Double.toString(d.tolerance()).replace(".0E", "e").replace('E', 'e'),
            "solver convergence threshold on the proximal gradient mapping of the mean objective, > 0"),
        new OptionSpec("max-iterations", String.valueOf(d.maxIterations()), "solver iterations per C, ≥ 1; CoOp's max_iter 1000"));
  }

  @Override
  public TrainResult train(TrainingInput input, MethodOptions o, ProgressListener progress) {
    ProbeConfig cfg = ProbeConfig.defaults().withGrid(CSearch.parseGrid(o.string("grid")))
        .withSearchSteps(o.integer("search-steps")).withFixedC(o.real("c"))
        .withTolerance(o.real("tolerance")).withMaxIterations(o.integer("max-iterations"));
    Dataset d = input.dataset();
    int[] tr = MethodSupport.trainIndices(d);
    int[] va = d.indices(Split.VALIDATION);
    HeadData hd = new HeadData(d.embeddingsOf(tr), d.labelsOf(tr), d.embeddingsOf(va), d.labelsOf(va), d.numClasses());
    LinearProbeTrainer.ProbeFit pf = new LinearProbeTrainer(cfg).fit(hd, progress);

    ConceptSet dims = dimensions(d.dim());
    ProjectionBottleneck identity = new ProjectionBottleneck(identity(d.dim()), null, Scoring.DOT, null, null);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("probe", Configs.toMap(cfg));
    config.put("chosen_c", pf.chosenC());
    config.put("chosen_lambda", LinearProbeTrainer.lambdaFor(pf.chosenC(), tr.length));
    ConceptBottleneckModel model = new ConceptBottleneckModel(d.classNames(), dims, identity, pf.fit().head(),
        MethodSupport.provenance(NAME, config, input, dims.hash()));
    Map<String, Object> metrics = MethodSupport.metrics(model, d, pf.fit());
    metrics.put("selected_c", pf.chosenC());
    List<Object> tried = new ArrayList<>();
    pf.triedC().forEach((c, acc) -> tried.add(Map.of("c", c, "val_accuracy", MethodSupport.nanToNull(acc) == null ? "n/a" : acc)));
    metrics.put("c_search", tried);
    model = model.withProvenance(model.provenance().withMetrics(metrics));
    return new TrainResult(model, pf.fit(), metrics);
  }

  /** The "concepts" of a probe on {@code dim}-d embeddings: {@code "dim 0"} … {@code "dim (dim−1)"}. */
  public static ConceptSet dimensions(int dim) {
    List<Concept> out = new ArrayList<>(dim);
    for (int i = 0; i < dim; i++) {
      out.add(new Concept("dim " + i, DIMENSION_SOURCE, null, Map.of()));
    }
    return new ConceptSet(out);
  }

  private static FloatMatrix identity(int d) {
    FloatMatrix m = FloatMatrix.zeros(d, d);
    for (int i = 0; i < d; i++) {
      m.set(i, i, 1f);
    }
    return m;
  }
}
