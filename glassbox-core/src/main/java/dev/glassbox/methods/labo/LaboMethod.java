package dev.glassbox.methods.labo;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.concepts.select.Budget;
import dev.glassbox.concepts.select.ClassSimilarity;
import dev.glassbox.concepts.select.ConceptSelection;
import dev.glassbox.concepts.select.GroupSelection;
import dev.glassbox.concepts.select.SelectionInput;
import dev.glassbox.concepts.select.SubmodularConfig;
import dev.glassbox.concepts.select.SubmodularSelector;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.head.HeadFit;
import dev.glassbox.head.LinearHead;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LaBo (Yang et al., "Language in a Bottle: Language Model Guided Concept Bottlenecks for
 * Interpretable Image Classification", CVPR 2023) as a Glassbox method: optionally LaBo's
 * submodular concept selection per class, then the class–concept association head trained from
 * the language prior ({@link LaboTrainer}).
 *
 * <p>The result is an ordinary concept bottleneck model: the bottleneck scores concepts by the raw
 * dot product {@code x·t_c} (LaBo leaves image and text features unnormalised; both can be
 * normalised by option), and the head's weights are {@code s·softmax(W)} with no bias, so
 * {@code logits = s·(x·Tᵀ)·softmax(W)ᵀ} exactly and every explanation is a list of
 * concept × weight contributions. With normalised images but raw text, the bottleneck scores by
 * cosine and each weight column carries the concept's text norm, which gives the same logits.
 *
 * <p>The language prior comes from each concept's proposing class ({@code prior=proposed-by}), from
 * a generated dataset's ground truth ({@code ground-truth}: each class's true concepts stand in
 * for an LLM's proposals), or from the selection's per-class picks when selection runs; {@code auto}
 * takes the ground truth when the data has it (it lists every class's concepts, where a concept's
 * proposing class names only one), else proposed-by, and provenance records which.
 */
public final class LaboMethod implements CbmMethod {
  public static final String NAME = "labo";

  /** Where the language prior comes from. */
  public enum Prior {
    AUTO, PROPOSED_BY, GROUND_TRUTH, NONE
  }

  /** Whether concepts are selected before training. */
  public enum Select {
    NONE, SUBMODULAR
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "class–concept association matrix from the language prior, softmax over concepts, Adam with best-validation checkpoint (LaBo)";
  }

  @Override
  public List<OptionSpec> options() {
    LaboConfig d = LaboConfig.defaults();
    SubmodularConfig s = SubmodularConfig.defaults();
    return List.of(
        new OptionSpec("prior", "auto", "language prior: proposed-by (each concept's proposing class), ground-truth (generated data's class concepts), none, or auto (ground-truth when the data has it, else proposed-by)"),
        new OptionSpec("init-value", fmt(d.initValue()), "prior value of W[y,c] for a concept proposed for class y; LaBo's init_val = 1"),
        new OptionSpec("scale", fmt(d.scale()), "logit scale s in s·(x·Tᵀ)·softmax(W)ᵀ, > 0; LaBo's 100"),
        new OptionSpec("image-norm", "false", "L2-normalise image embeddings; LaBo's use_img_norm = False"),
        new OptionSpec("text-norm", "false", "L2-normalise concept embeddings; LaBo's use_txt_norm = False"),
        new OptionSpec("learning-rate", fmt(d.learningRate()), "Adam step size, > 0; LaBo's configs use 5e-6 to 1e-3, typically 1e-5 to 5e-5"),
        new OptionSpec("epochs", String.valueOf(d.epochs()), "passes over the training set, ≥ 1; LaBo's configs use 3k to 15k"),
        new OptionSpec("batch-size", String.valueOf(d.batchSize()), "items per step, ≥ 0; 0 = min(512, ⌈n/5⌉), through LaBo's 2 for CIFAR-10 1-shot and 512 for full data"),
        new OptionSpec("validate-every", String.valueOf(d.validateEvery()), "epochs between validation checks, ≥ 1; LaBo's 10"),
        new OptionSpec("patience", String.valueOf(d.patience()), "checks without a better validation accuracy after which a checkpoint counts as converged, ≥ 1"),
        new OptionSpec("early-stop", "false", "stop after patience checks without improvement; LaBo trains every epoch"),
        new OptionSpec("l1", fmt(d.l1()), "weight of the largest row-L1 norm of W, ≥ 0; off in LaBo's configs, 0.01 when on"),
        new OptionSpec("diversity", fmt(d.diversity()), "weight of −(mean variance of the class logits over the batch), ≥ 0; off in LaBo's configs, 0.005 when on"),
        new OptionSpec("select", "none", "concept selection before training: none (use the dataset's concepts) or submodular (LaBo's, per class)"),
        new OptionSpec("select-per-class", "50", "concepts kept per class by selection, ≥ 1; LaBo's 50"),
        new OptionSpec("select-alpha", fmt(s.alpha()), "weight of the discriminability term, ≥ 0; LaBo's 1e7"),
        new OptionSpec("select-beta", fmt(s.beta()), "weight of the coverage term, ≥ 0; LaBo's CUB full-data 0.1"),
        new OptionSpec("select-profile", "paper", "coverage term: paper (cosine facility location) or code (what LaBo's released code computes)"),
        new OptionSpec("select-similarity", "dot", "class–concept similarity of the discriminability score: dot (LaBo's raw products), cosine, or exp-cosine (for encoders whose scores can be ≤ 0)"));
  }

  /** A default as a person writes it: {@code 100}, {@code 0.1}, {@code 5e-5}, {@code 1e7}. */
  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return String.valueOf((long) v);
    }
    return Double.toString(v).replace(".0E", "e").replace('E', 'e');
  }

  @Override
  public TrainResult train(TrainingInput input, MethodOptions o, ProgressListener progress) {
    LaboConfig cfg = LaboConfig.defaults()
        .withInitValue(o.real("init-value")).withScale(o.real("scale")).withLearningRate(o.real("learning-rate"))
        .withEpochs(o.integer("epochs")).withBatchSize(o.integer("batch-size")).withValidateEvery(o.integer("validate-every"))
        .withPatience(o.integer("patience")).withEarlyStop(o.bool("early-stop")).withL1(o.real("l1"))
        .withDiversity(o.real("diversity")).withSeed(input.seed());
    boolean imageNorm = o.bool("image-norm");
    boolean textNorm = o.bool("text-norm");
    Prior priorChoice = o.choice("prior", Prior.class);
    Select select = o.choice("select", Select.class);
    SubmodularConfig sc = null;
    if (select == Select.SUBMODULAR) {
      sc = SubmodularConfig.defaults().withBudget(Budget.perClass(o.integer("select-per-class")))
          .withAlpha(o.real("select-alpha")).withBeta(o.real("select-beta"))
          .withProfile(o.choice("select-profile", SubmodularConfig.Profile.class))
          .withClassSimilarity(o.choice("select-similarity", ClassSimilarity.class)).withSeed(input.seed());
    }

    Dataset d = input.dataset();
    ConceptEmbeddings ce = input.requireConcepts(NAME);
    int[] tr = MethodSupport.trainIndices(d);
    int[] va = d.indices(Split.VALIDATION);
    FloatMatrix xTrain = d.embeddingsOf(tr);
    AssociationPrior prior = resolvePrior(priorChoice, ce, d);
    ConceptSelection selection = null;
    if (sc != null) {
      if (prior.pairs() == 0) {
        throw new IllegalArgumentException("select=submodular picks among the concepts proposed for each class, so it needs a prior "
            + "(prior=proposed-by, ground-truth or auto), not prior=" + priorChoice.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      }
      SelectionInput si = new SelectionInput(ce, d.classNames(), prior.classConcepts(), xTrain, d.labelsOf(tr));
      selection = new SubmodularSelector(sc).select(si);
      ce = selection.selected();
      prior = priorFromSelection(selection, d.numClasses());
    }

    if (ce.concepts().size() < 2) {
      // LaBo's class weights are a softmax over the concepts: over one concept it is the constant
      // 1, so every class gets the same logits and the model can only tie.
      throw new IllegalArgumentException("LaBo needs at least 2 concepts (its class weights are a softmax over the concepts, constant "
          + "over one), got " + ce.concepts().size() + (selection == null ? "" : " after selection; raise select-per-class"));
    }
    // Concept scores as the final model computes them, times a per-concept factor that is 1
    // except with normalised images and raw text, where the bottleneck's cosine times ‖t_c‖ is
    // x̂·t_c, the score LaBo trains on.
    FloatMatrix t = ce.embeddings();
    ProjectionBottleneck bottleneck = new ProjectionBottleneck(
        textNorm && !imageNorm ? Matrices.normalizeRows(t) : t, null, imageNorm ? Scoring.COSINE : Scoring.DOT, null, null);
    float[] columnScale = new float[ce.concepts().size()];
    Arrays.fill(columnScale, 1f);
    if (imageNorm && !textNorm) {
      columnScale = Matrices.rowNorms(t);
    }
    FloatMatrix sTrain = scaleColumns(bottleneck.activate(xTrain, progress), columnScale);
    FloatMatrix sVal = scaleColumns(bottleneck.activate(d.embeddingsOf(va), ProgressListener.NONE), columnScale);
    LaboFit fit = new LaboTrainer(cfg).fit(new LaboData(sTrain, d.labelsOf(tr), sVal, d.labelsOf(va), prior), progress);

    int c = d.numClasses();
    int k = ce.concepts().size();
    float[] hw = new float[c * k];
    float s = (float) cfg.scale();
    for (int y = 0; y < c; y++) {
      for (int j = 0; j < k; j++) {
        hw[y * k + j] = s * fit.weights().get(y, j) * columnScale[j];
      }
    }
    LinearHead head = new LinearHead(FloatMatrix.wrap(c, k, hw), new float[c], null);
    HeadFit headFit = new HeadFit(head, fit.checkpoints(), fit.selected(),
        "best " + (va.length > 0 ? "validation" : "training") + " accuracy over checks every " + cfg.validateEvery() + " epochs");

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("head", Configs.toMap(cfg));
    config.put("batch_size", fit.batchSize());
    config.put("image_norm", imageNorm);
    config.put("text_norm", textNorm);
    config.put("prior", prior.source());
    config.put("prior_pairs", prior.pairs());
    if (selection != null) {
      config.put("selection", selection.config());
      config.put("selector", selection.selector());
    }
    ConceptBottleneckModel model = new ConceptBottleneckModel(d.classNames(), ce.concepts(), bottleneck, head,
        MethodSupport.provenance(NAME, config, input, ce.concepts().hash()));
    Map<String, Object> metrics = MethodSupport.metrics(model, d, headFit);
    metrics.remove("selected_lambda");
    metrics.put("prior", prior.source());
    metrics.put("prior_val_accuracy", MethodSupport.nanToNull(fit.priorValAccuracy()));
    metrics.put("best_epoch", fit.selectedReport().iterations());
    metrics.put("epochs_run", fit.epochsRun());
    metrics.put("stopped_early", fit.stoppedEarly());
    metrics.put("batch_size", fit.batchSize());
    metrics.put("concepts", k);
    model = model.withProvenance(model.provenance().withMetrics(metrics));
    return new TrainResult(model, headFit, metrics);
  }

  static AssociationPrior resolvePrior(Prior choice, ConceptEmbeddings ce, Dataset d) {
    int k = ce.concepts().size();
    return switch (choice) {
      case PROPOSED_BY -> AssociationPrior.fromProposedBy(ce.concepts(), d.classNames());
      case GROUND_TRUTH -> {
        if (d.groundTruth() == null) {
          throw new IllegalArgumentException("prior=ground-truth needs a dataset with ground truth (ground_truth.json), and dataset '"
              + d.name() + "' has none; use prior=proposed-by with a concept set whose concepts name their class");
        }
        if (d.groundTruth().numClasses() != d.numClasses()) {
          throw new IllegalArgumentException("the ground truth covers " + d.groundTruth().numClasses() + " classes but the dataset has " + d.numClasses());
        }
        yield AssociationPrior.fromGroundTruth(d.groundTruth(), k);
      }
      case NONE -> AssociationPrior.none(d.numClasses(), k);
      case AUTO -> {
        // Generated data's ground truth lists every concept of every class, as an LLM asked per class
        // would; a concept's proposing class names only one of the classes that show it.
        if (d.groundTruth() != null && d.groundTruth().numClasses() == d.numClasses()) {
          yield resolvePrior(Prior.GROUND_TRUTH, ce, d);
        }
        if (AssociationPrior.anyProposedBy(ce.concepts())) {
          yield AssociationPrior.fromProposedBy(ce.concepts(), d.classNames());
        }
        throw new IllegalArgumentException("LaBo needs a language prior: no concept of the " + k + " names the class that proposed it "
            + "(\"class\" in concepts.json) and dataset '" + d.name() + "' has no ground truth; add the classes, or set prior=none "
            + "to start every class from the mean of all concepts");
      }
    };
  }

  /** The prior of a per-class selection: each class's picks, as indices into the selected set. */
  static AssociationPrior priorFromSelection(ConceptSelection sel, int numClasses) {
    List<int[]> out = new ArrayList<>();
    for (int y = 0; y < numClasses; y++) {
      GroupSelection g = sel.groups().get(y);
      int[] p = new int[g.picked().length];
      for (int i = 0; i < p.length; i++) {
        p[i] = Arrays.binarySearch(sel.indices(), g.picked()[i]);
      }
      out.add(p);
    }
    return new AssociationPrior(out, sel.indices().length, "selection");
  }

  private static FloatMatrix scaleColumns(FloatMatrix m, float[] scale) {
    boolean identity = true;
    for (float v : scale) {
      identity &= v == 1f;
    }
    if (identity) {
      return m;
    }
    int k = m.cols();
    float[] a = m.data();
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < k; j++) {
        a[i * k + j] *= scale[j];
      }
    }
    return m;
  }
}
