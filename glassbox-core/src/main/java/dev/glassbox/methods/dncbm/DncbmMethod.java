package dev.glassbox.methods.dncbm;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.head.FitReport;
import dev.glassbox.head.HeadData;
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
import dev.glassbox.util.Configs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Discover-then-Name CBM (Rao, Mahajan, Böhle, Schiele, "Discover-then-Name: Task-Agnostic Concept
 * Bottlenecks via Automated Concept Discovery", ECCV 2024): concepts nobody had to write down.
 *
 * <ol>
 *   <li><b>Discover</b>: a sparse autoencoder on the image embeddings
 *       ({@link SparseAutoencoderTrainer}); its atoms are the concepts and its codes the
 *       activations ({@link SparseAutoencoderBottleneck}).
 *   <li><b>Name</b>: each atom takes the nearest vocabulary text embedding ({@link AtomNaming});
 *       the vocabulary is the dataset's concept set when it has embeddings. Cosmetic.
 *   <li><b>Probe</b>: an L1-penalised linear layer without bias on the codes ({@link L1ProbeTrainer}).
 * </ol>
 *
 * <p>Metrics add the autoencoder's reconstruction R² on held-out embeddings (the validation split,
 * or the test split when there is none), its dead-atom share and mean active atoms on the training
 * embeddings, whether the autoencoder and the probe levelled off, and the probe's weights counted
 * non-zero at DN-CBM's tolerances.
 */
public final class DncbmMethod implements CbmMethod {
  public static final String NAME = "dncbm";
  private static final String PROFILE = "profile";
  private static final double[] ZERO_TOLERANCES = {1e-2, 1e-3, 1e-4, 1e-5};

  /** Which embeddings the autoencoder learns from. */
  enum SaeData {
    /** The training split only. */
    TRAIN,
    /** Every item's embedding, labels unused (DN-CBM's autoencoder is task-agnostic). */
    ALL
  }

  enum SaeProfile {
    README, ARGPARSE
  }

  enum ProbeProfile {
    RELEASED, README
  }

  enum Vocabulary {
    DATASET, NONE
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "sparse autoencoder concepts named by nearest vocabulary embedding + L1 linear probe (Discover-then-Name)";
  }

  @Override
  public List<OptionSpec> options() {
    SaeConfig s = SaeConfig.defaults();
    L1ProbeConfig p = L1ProbeConfig.defaults();
    return List.of(
        new OptionSpec("sae-profile", "readme", "autoencoder defaults: readme (lr 5e-4, λ 3e-5, expansion 8: DN-CBM's released checkpoints) "
            + "or argparse (lr 1e-4, λ 3e-4, expansion 4: its arg_parser.py)"),
        new OptionSpec("expansion", PROFILE, "atoms per embedding dimension, ≥ 1, or profile"),
        new OptionSpec("l1", PROFILE, "L1 coefficient λ on the codes, ≥ 0, or profile"),
        new OptionSpec("learning-rate", PROFILE, "autoencoder Adam learning rate, > 0, or profile"),
        new OptionSpec("batch-size", String.valueOf(s.batchSize()), "autoencoder batch, ≥ 1; 4096 as DN-CBM's README"),
        new OptionSpec("epochs", String.valueOf(s.epochs()), "autoencoder epochs, ≥ 1; 200 as DN-CBM's README (over ~3M images: small data needs more)"),
        new OptionSpec("resample", String.valueOf(s.resample()), "re-seed dead atoms from high-loss inputs (DN-CBM's ActivationResampler)"),
        new OptionSpec("resample-every", String.valueOf(s.resampleEvery()), "epochs between resamplings, ≥ 1; 10 as DN-CBM's README"),
        new OptionSpec("dead-threshold", String.valueOf(s.deadThreshold()), "an atom firing on at most this share of rows is dead, [0, 1); 0 as the reference"),
        new OptionSpec("resample-size", String.valueOf(s.resampleSize()), "inputs scored to choose re-seeds, ≥ 1; 819200 as DN-CBM's README"),
        new OptionSpec("sae-data", "train", "embeddings the autoencoder learns from: train (the training split) or all (every item, labels unused)"),
        new OptionSpec("probe-profile", "released", "probe defaults: released (lr 1e-3, λ 1.0: DN-CBM's configs) or readme (lr 1e-2, λ 0.1: its README example)"),
        new OptionSpec("probe-learning-rate", PROFILE, "probe Adam learning rate, > 0, or profile"),
        new OptionSpec("probe-l1", PROFILE, "probe λ on mean|W|, ≥ 0, or profile"),
        new OptionSpec("probe-batch-size", String.valueOf(p.batchSize()), "probe batch, ≥ 1; 512 as DN-CBM"),
        new OptionSpec("probe-epochs", String.valueOf(p.epochs()), "probe epochs, ≥ 1; 200 as DN-CBM"),
        new OptionSpec("vocabulary", "dataset", "names for the atoms: dataset (nearest concept embedding of the dataset's concept set, when it has one) or none"),
        new OptionSpec("zero-below", "0", "after training, set probe weights with |w| below this to zero, ≥ 0; 0 keeps them (DN-CBM keeps them and counts)"),
        new OptionSpec("plateau-tolerance", String.valueOf(s.plateauTolerance()),
            "convergence: relative change of the mean loss over the last tenth of the epochs, > 0"));
  }

  private static double realOr(MethodOptions o, String name, double profileValue) {
    return o.string(name).equalsIgnoreCase(PROFILE) ? profileValue : o.real(name);
  }

  /** The autoencoder settings the options describe. */
  static SaeConfig saeConfig(MethodOptions o) {
    SaeConfig base = o.choice("sae-profile", SaeProfile.class) == SaeProfile.ARGPARSE ? SaeConfig.argparse() : SaeConfig.defaults();
    int expansion = o.string("expansion").equalsIgnoreCase(PROFILE) ? base.expansion() : o.integer("expansion");
    return base.withExpansion(expansion).withL1(realOr(o, "l1", base.l1())).withLearningRate(realOr(o, "learning-rate", base.learningRate()))
        .withBatchSize(o.integer("batch-size")).withEpochs(o.integer("epochs")).withResample(o.bool("resample"))
        .withResampleEvery(o.integer("resample-every")).withDeadThreshold(o.real("dead-threshold"))
        .withResampleSize(o.integer("resample-size")).withPlateauTolerance(o.real("plateau-tolerance"));
  }

  /** The probe settings the options describe. */
  static L1ProbeConfig probeConfig(MethodOptions o) {
    L1ProbeConfig base = o.choice("probe-profile", ProbeProfile.class) == ProbeProfile.README ? L1ProbeConfig.readmeExample() : L1ProbeConfig.defaults();
    return new L1ProbeConfig(realOr(o, "probe-learning-rate", base.learningRate()), realOr(o, "probe-l1", base.l1()),
        o.integer("probe-batch-size"), o.integer("probe-epochs"), base.beta1(), base.beta2(), base.epsilon(), o.real("plateau-tolerance"));
  }

  @Override
  public TrainResult train(TrainingInput input, MethodOptions o, ProgressListener progress) {
    SaeConfig sc = saeConfig(o);
    L1ProbeConfig pc = probeConfig(o);
    SaeData saeData = o.choice("sae-data", SaeData.class);
    Vocabulary vocab = o.choice("vocabulary", Vocabulary.class);
    double zeroBelow = o.real("zero-below");
    if (!(zeroBelow >= 0)) {
      throw new IllegalArgumentException("option 'zero-below' of method '" + NAME + "' must be ≥ 0, got " + zeroBelow);
    }
    Dataset d = input.dataset();
    ConceptEmbeddings vocabulary = null;
    if (vocab == Vocabulary.DATASET && input.concepts() != null) {
      vocabulary = input.requireConcepts(NAME);
    }
    int[] tr = MethodSupport.trainIndices(d);
    int[] va = d.indices(Split.VALIDATION);
    int[] held = va.length > 0 ? va : d.indices(Split.TEST);
    SplittableRandom root = new SplittableRandom(input.seed());
    long saeSeed = root.nextLong();
    long probeSeed = root.nextLong();

    FloatMatrix xTrain = d.embeddingsOf(tr);
    FloatMatrix xSae = saeData == SaeData.ALL ? d.embeddings().toMatrix() : xTrain;
    long t0 = System.nanoTime();
    SparseAutoencoderTrainer.SaeFit sae = new SparseAutoencoderTrainer(sc).fit(xSae, saeSeed, progress);
    double saeSeconds = (System.nanoTime() - t0) / 1e9;
    SparseAutoencoderBottleneck b = sae.bottleneck();
    SaeDiagnostics onTrain = SaeDiagnostics.measure(b, xTrain);
    SaeDiagnostics onHeld = held.length == 0 ? null : SaeDiagnostics.measure(b, d.embeddingsOf(held));

    List<AtomNaming.AtomName> names = vocabulary == null ? null : AtomNaming.nearest(b.decoder(), vocabulary);
    ConceptSet concepts = AtomNaming.concepts(b.numConcepts(), names);

    FloatMatrix trainActs = b.activate(xTrain, ProgressListener.NONE);
    FloatMatrix valActs = b.activate(d.embeddingsOf(va), ProgressListener.NONE);
    HeadData hd = new HeadData(trainActs, d.labelsOf(tr), valActs, d.labelsOf(va), d.numClasses());
    L1ProbeTrainer.ProbeFit probe = new L1ProbeTrainer(pc, probeSeed).fitWithCurve(hd, progress);
    HeadFit fit = probe.fit();
    if (zeroBelow > 0) {
      fit = zeroSmall(fit, hd, zeroBelow);
    }

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("sae", Configs.toMap(sc));
    config.put("sae_data", saeData.name().toLowerCase(Locale.ROOT));
    config.put("probe", Configs.toMap(pc));
    config.put("vocabulary", vocabulary == null ? "none" : "dataset concept set (" + vocabulary.concepts().size() + " entries)");
    config.put("zero_below", zeroBelow);
    config.put("seeds", Map.of("sae", saeSeed, "probe", probeSeed));
    ConceptBottleneckModel model = new ConceptBottleneckModel(d.classNames(), concepts, b, fit.head(),
        MethodSupport.provenance(NAME, config, input, concepts.hash()));
    Map<String, Object> metrics = MethodSupport.metrics(model, d, fit);
    metrics.remove("true_concept_recovery");
    boolean converged = sae.curve().converged() && probe.curve().converged();
    metrics.put("converged", converged);
    metrics.put("atoms", b.numConcepts());
    metrics.put("reconstruction_r2", onHeld == null ? null : MethodSupport.nanToNull(onHeld.r2()));
    metrics.put("reconstruction_r2_split", va.length > 0 ? "val" : held.length > 0 ? "test" : null);
    metrics.put("train_reconstruction_r2", MethodSupport.nanToNull(onTrain.r2()));
    metrics.put("dead_atom_share", onTrain.deadShare());
    metrics.put("mean_active_atoms", onTrain.meanActive());
    metrics.put("sae_final_loss", MethodSupport.nanToNull(sae.curve().finalLoss()));
    metrics.put("sae_converged", sae.curve().converged());
    metrics.put("sae_loss_change", MethodSupport.nanToNull(sae.curve().relativeChange()));
    metrics.put("sae_steps", sae.steps());
    metrics.put("sae_resampled_atoms", sae.totalResampled());
    metrics.put("sae_seconds", saeSeconds);
    metrics.put("probe_final_loss", MethodSupport.nanToNull(probe.curve().finalLoss()));
    metrics.put("probe_converged", probe.curve().converged());
    Map<String, Object> zeros = new LinkedHashMap<>();
    float[] w = fit.head().weight().data();
    for (double tol : ZERO_TOLERANCES) {
      int z = 0;
      for (float v : w) {
        if (Math.abs(v) < tol) {
          z++;
        }
      }
      zeros.put(String.format(Locale.ROOT, "%.0e", tol), (double) z / w.length);
    }
    metrics.put("probe_zero_share_below", zeros);
    if (names != null) {
      double cos = 0;
      List<String> distinct = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (AtomNaming.AtomName n : names) {
        cos += n.cosine();
        if (seen.add(n.text())) {
          distinct.add(n.text());
        }
      }
      metrics.put("naming_mean_cosine", cos / names.size());
      metrics.put("naming_distinct_names", distinct.size());
    }
    model = model.withProvenance(model.provenance().withMetrics(metrics));
    return new TrainResult(model, fit, metrics);
  }

  /** The fit with weights below {@code tol} in magnitude set to zero, its report re-measured. */
  private static HeadFit zeroSmall(HeadFit fit, HeadData hd, double tol) {
    LinearHead h = fit.head();
    float[] w = h.weight().data().clone();
    for (int i = 0; i < w.length; i++) {
      if (Math.abs(w[i]) < tol) {
        w[i] = 0f;
      }
    }
    LinearHead nh = h.withWeight(FloatMatrix.wrap(h.numClasses(), h.numConcepts(), w));
    FitReport r = fit.selectedReport();
    int[] nz = nh.nonZerosPerClass();
    int total = 0;
    int max = 0;
    for (int v : nz) {
      total += v;
      max = Math.max(max, v);
    }
    double val = hd.valLabels().length == 0 ? Double.NaN : L1ProbeTrainer.accuracy(nh, hd.valActivations(), hd.valLabels());
    FitReport nr = new FitReport(r.lambda(), L1ProbeTrainer.accuracy(nh, hd.trainActivations(), hd.trainLabels()), val, total, max,
        r.iterations(), r.converged(), r.optimalityGap(), r.objective());
    return new HeadFit(nh, List.of(nr), 0, fit.selection() + ", weights below " + tol + " zeroed");
  }
}
