package dev.glassbox.methods.pcbm;

import dev.glassbox.data.Dataset;
import dev.glassbox.head.FitReport;
import dev.glassbox.head.HeadFit;
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
import java.util.SplittableRandom;

/**
 * PCBM-h, Post-hoc CBM's hybrid (Yuksekgonul, Wang &amp; Zou, ICLR 2023): a PCBM trained as
 * {@link PcbmMethod} does, then frozen, plus a residual linear layer on the raw embedding
 * ({@link ResidualHeadTrainer}) that recovers the accuracy the concepts miss. The model is a
 * {@link ConceptBottleneckModel} whose head carries the residual; explanations list it as a term
 * of its own. Metrics keep the frozen PCBM's accuracy beside the hybrid's.
 */
public final class PcbmHybridMethod implements CbmMethod {
  public static final String NAME = "pcbm-h";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Post-hoc CBM plus a residual linear layer on the raw embedding (PCBM-h)";
  }

  @Override
  public List<OptionSpec> options() {
    ResidualConfig r = ResidualConfig.defaults();
    List<OptionSpec> out = new ArrayList<>(PcbmMethod.commonOptions());
    out.add(new OptionSpec("residual-learning-rate", String.valueOf(r.learningRate()), "residual Adam learning rate, > 0; 1e-2 as PCBM-h"));
    out.add(new OptionSpec("residual-epochs", String.valueOf(r.epochs()), "residual epochs, ≥ 1; 20 as PCBM-h"));
    out.add(new OptionSpec("residual-batch-size", String.valueOf(r.batchSize()), "residual batch, ≥ 1; 64 as PCBM-h"));
    out.add(new OptionSpec("residual-l2", String.valueOf(r.l2()), "coefficient on mean(R²), ≥ 0; 1e-3 as PCBM-h"));
    return out;
  }

  @Override
  public TrainResult train(TrainingInput input, MethodOptions o, ProgressListener progress) {
    ResidualConfig rc = ResidualConfig.defaults().withLearningRate(o.real("residual-learning-rate")).withEpochs(o.integer("residual-epochs"))
        .withBatchSize(o.integer("residual-batch-size")).withL2(o.real("residual-l2"));
    PcbmMethod.Fitted f = PcbmMethod.fitPcbm(NAME, input, o, progress);
    SplittableRandom root = new SplittableRandom(input.seed());
    root.nextLong();
    long residualSeed = root.nextLong();
    ResidualHeadTrainer.ResidualFit rf = new ResidualHeadTrainer(rc, f.fit().head(), residualSeed).fitWithCurve(f.data(), progress);
    HeadFit fit = rf.fit();
    Dataset d = input.dataset();
    Map<String, Object> config = new LinkedHashMap<>(f.config());
    config.put("residual", Configs.toMap(rc));
    config.put("residual_seed", residualSeed);
    ConceptBottleneckModel model = new ConceptBottleneckModel(d.classNames(), f.bank().concepts(), f.bottleneck(), fit.head(),
        MethodSupport.provenance(NAME, config, input, f.bank().concepts().hash()));
    Map<String, Object> metrics = MethodSupport.metrics(model, d, fit);
    PcbmMethod.bankMetrics(f, input, metrics);
    ConceptBottleneckModel pcbm = model.withHead(f.fit().head());
    Map<String, Object> pm = MethodSupport.metrics(pcbm, d, f.fit());
    FitReport pr = f.fit().selectedReport();
    metrics.put("pcbm_val_accuracy", pm.get("val_accuracy"));
    metrics.put("pcbm_test_accuracy", pm.get("test_accuracy"));
    metrics.put("pcbm_converged", pr.converged());
    metrics.put("pcbm_lambda", MethodSupport.nanToNull(pr.lambda()));
    metrics.put("residual_converged", rf.curve().converged());
    metrics.put("residual_final_loss", MethodSupport.nanToNull(rf.curve().finalLoss()));
    metrics.put("converged", pr.converged() && rf.curve().converged());
    metrics.put("selected_lambda", MethodSupport.nanToNull(pr.lambda()));
    model = model.withProvenance(model.provenance().withMetrics(metrics));
    return new TrainResult(model, fit, metrics);
  }
}
