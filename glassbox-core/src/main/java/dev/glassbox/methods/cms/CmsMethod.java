package dev.glassbox.methods.cms;

import dev.glassbox.bottleneck.ConceptMatrixBottleneck;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.head.FitReport;
import dev.glassbox.head.HeadFit;
import dev.glassbox.head.LinearHead;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.CbmMethod;
import dev.glassbox.pipeline.MethodOptions;
import dev.glassbox.pipeline.MethodSupport;
import dev.glassbox.pipeline.OptionSpec;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Concept Matrix Search (Sparse-CBM's training-free classifier; {@link ConceptMatrixSearch}) as a
 * method. It reads the concepts' and the class names' text embeddings and no labels: the training
 * split is not used, and validation and test accuracy are reported as for any method. The variant
 * is recorded in provenance ({@code config.variant}).
 */
public final class CmsMethod implements CbmMethod {
  public static final String NAME = "cms";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Concept Matrix Search: training-free, images and class names compared through their concept-similarity rows (Sparse-CBM)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(new OptionSpec("variant", "similarity",
        "similarity (argmax_j cos(V_i, T_j), the paper's rule) or max-score (the image's top concept, then the class scoring it highest)"));
  }

  @Override
  public TrainResult train(TrainingInput input, MethodOptions o, ProgressListener progress) {
    ConceptMatrixSearch.Variant variant = o.choice("variant", ConceptMatrixSearch.Variant.class);
    Dataset d = input.dataset();
    ConceptEmbeddings ce = input.requireConcepts(NAME);
    FloatMatrix classEmb = input.requireClassEmbeddings(NAME);
    FloatMatrix t = ConceptMatrixSearch.classConceptMatrix(classEmb, ce.embeddings());
    ConceptMatrixBottleneck bottleneck = ConceptMatrixSearch.bottleneck(ce.embeddings(), variant);
    LinearHead head = ConceptMatrixSearch.head(t, variant);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("variant", variant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    config.put("bottleneck", bottleneck.config());
    ConceptBottleneckModel model = new ConceptBottleneckModel(d.classNames(), ce.concepts(), bottleneck, head,
        MethodSupport.provenance(NAME, config, input, ce.concepts().hash()));
    double trainAcc = d.indices(Split.TRAIN).length == 0 ? Double.NaN : Evaluator.evaluate(model, d, Split.TRAIN).top1();
    double valAcc = d.indices(Split.VALIDATION).length == 0 ? Double.NaN : Evaluator.evaluate(model, d, Split.VALIDATION).top1();
    int[] nz = head.nonZerosPerClass();
    int max = 0;
    for (int v : nz) {
      max = Math.max(max, v);
    }
    // Training-free: nothing to converge, so the single report is converged by construction.
    FitReport report = new FitReport(Double.NaN, trainAcc, valAcc, head.nonZeros(), max, 0, true, Double.NaN, Double.NaN);
    HeadFit fit = new HeadFit(head, List.of(report), 0, "training-free (" + config.get("variant") + " variant)");
    Map<String, Object> metrics = MethodSupport.metrics(model, d, fit);
    metrics.remove("selected_lambda");
    metrics.put("variant", config.get("variant"));
    model = model.withProvenance(model.provenance().withMetrics(metrics));
    return new TrainResult(model, fit, metrics);
  }
}
