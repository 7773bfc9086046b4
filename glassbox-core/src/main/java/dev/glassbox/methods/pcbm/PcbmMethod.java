package dev.glassbox.methods.pcbm;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.concepts.Concept;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.head.ElasticNetConfig;
import dev.glassbox.head.ElasticNetHeadTrainer;
import dev.glassbox.head.HeadData;
import dev.glassbox.head.HeadFit;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Standardization;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.CbmMethod;
import dev.glassbox.pipeline.MethodOptions;
import dev.glassbox.pipeline.MethodSupport;
import dev.glassbox.pipeline.OptionSpec;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.util.Configs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Post-hoc CBM (Yuksekgonul, Wang &amp; Zou, "Post-hoc Concept Bottleneck Models", ICLR 2023): a
 * concept bank scored on the raw embedding, then a sparse linear head.
 *
 * <ul>
 *   <li><b>Bank</b> ({@link ConceptBank}): CAVs learned by linear SVM from concept examples
 *       ({@link CavTrainer}), scoring the signed margin {@code (w·x + b)/‖w‖}; or the text bank
 *       (normalised concept text embeddings, intercept 0). Examples come from a
 *       {@link ConceptExampleFile} or from the dataset's per-item ground truth (training split).
 *       Scores are not standardised (PCBM does not), unless {@code standardize=true}.
 *   <li><b>Head</b>: PCBM fits scikit-learn's {@code SGDClassifier(loss='log_loss',
 *       penalty='elasticnet', alpha=lam, l1_ratio=0.99)}, whose objective is the mean log loss plus
 *       {@code lam·(0.99‖w‖₁ + 0.01/2·‖w‖²)}. That is {@link ElasticNetHeadTrainer}'s objective with
 *       λ = lam and α = l1_ratio, solved here to its optimum by proximal gradient instead of SGD,
 *       at a single λ (default {@code lam} = 1e-5, PCBM's default; its README uses 2e-4 for CUB) or
 *       along a regularisation path ({@code lambda=path}). One difference remains: scikit-learn
 *       fits one-vs-rest binary logistic models for several classes, this head is multinomial.
 * </ul>
 */
public final class PcbmMethod implements CbmMethod {
  public static final String NAME = "pcbm";
  static final String GROUND_TRUTH = "ground-truth";

  enum Bank {
    CAV, TEXT
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "concept bank of CAVs (linear SVM margins) or text embeddings + elastic-net head (Post-hoc CBM)";
  }

  @Override
  public List<OptionSpec> options() {
    return commonOptions();
  }

  static List<OptionSpec> commonOptions() {
    CavConfig cav = CavConfig.defaults();
    return List.of(
        new OptionSpec("bank", "cav", "concept bank: cav (an SVM per concept from example images) or text (normalised concept text embeddings)"),
        new OptionSpec("concept-examples", GROUND_TRUTH, "CAV examples: ground-truth (the dataset's per-item concept labels, training split) or "
            + "a file of 'concept<TAB>+|-<TAB>item id' lines naming dataset items"),
        new OptionSpec("samples-per-side", String.valueOf(cav.samplesPerSide()), "CAV training examples per side (as many again validate), ≥ 1; "
            + "50 as PCBM's n_samples (100 for CUB)"),
        new OptionSpec("c-grid", "0.01,0.1", "SVM penalties tried, comma-separated, or readme for 0.001,0.01,0.1,1,10; 0.01,0.1 as PCBM's code"),
        new OptionSpec("min-examples", String.valueOf(cav.minExamples()), "refuse a concept with fewer distinct positive or negative examples, ≥ 1"),
        new OptionSpec("svm-tolerance", String.valueOf(cav.tolerance()), "SVM stopping threshold on the KKT violation, > 0; 1e-3 as scikit-learn's SVC"),
        new OptionSpec("standardize", "false", "standardise concept scores with training mean/std (PCBM does not)"),
        new OptionSpec("lambda", "1e-5", "elastic-net λ (PCBM's lam, SGDClassifier's alpha), > 0, or path for a regularisation path; "
            + "1e-5 as PCBM (2e-4 for CUB)"),
        new OptionSpec("alpha", "0.99", "L1 share of the elastic net (SGDClassifier's l1_ratio), (0, 1]; 0.99 as PCBM"),
        new OptionSpec("max-iterations", "10000", "head solver iterations, ≥ 1 (PCBM's SGD runs up to 10000 epochs)"),
        new OptionSpec("tolerance", "1e-4", "head convergence threshold on the proximal gradient mapping, > 0"),
        new OptionSpec("path-length", "100", "with lambda=path: λ values on the path, ≥ 1"),
        new OptionSpec("selection", "best-validation", "with lambda=path: best-validation or sparsest-within (1 point of the best)"));
  }

  /** A fitted PCBM and what was learned on the way. */
  record Fitted(ConceptBank bank, ProjectionBottleneck bottleneck, HeadData data, HeadFit fit, Map<String, Object> config, double bankSeconds) {}

  static CavConfig cavConfig(MethodOptions o) {
    String grid = o.string("c-grid").strip();
    double[] cs;
    if (grid.equalsIgnoreCase("readme")) {
      cs = CavConfig.README_GRID;
    } else {
      String[] parts = grid.split(",");
      cs = new double[parts.length];
      for (int i = 0; i < parts.length; i++) {
        try {
          cs[i] = Double.parseDouble(parts[i].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("option 'c-grid' must be comma-separated numbers or readme, got '" + grid + "'");
        }
      }
    }
    return CavConfig.defaults().withSamplesPerSide(o.integer("samples-per-side")).withCGrid(cs)
        .withMinExamples(o.integer("min-examples")).withTolerance(o.real("svm-tolerance"));
  }

  static ElasticNetConfig headConfig(MethodOptions o) {
    boolean path = o.string("lambda").strip().equalsIgnoreCase("path");
    ElasticNetConfig c = ElasticNetConfig.defaults().withAlpha(o.real("alpha")).withMaxIterations(o.integer("max-iterations"))
        .withTolerance(o.real("tolerance")).withPathLength(o.integer("path-length"))
        .withSelection(o.choice("selection", ElasticNetConfig.Selection.class));
    return path ? c.withLambda(Double.NaN) : c.withLambda(o.real("lambda"));
  }

  /** Builds the bank, scores the splits and fits the head. */
  static Fitted fitPcbm(String method, TrainingInput input, MethodOptions o, ProgressListener progress) {
    Bank bankKind = o.choice("bank", Bank.class);
    CavConfig cc = cavConfig(o);
    ElasticNetConfig ec = headConfig(o);
    boolean standardize = o.bool("standardize");
    Dataset d = input.dataset();
    int[] tr = MethodSupport.trainIndices(d);
    int[] va = d.indices(Split.VALIDATION);
    long bankSeed = new SplittableRandom(input.seed()).nextLong();
    Map<String, Object> config = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    ConceptBank bank;
    if (bankKind == Bank.TEXT) {
      bank = ConceptBank.fromText(input.requireConcepts(method));
    } else {
      String src = o.string("concept-examples").strip();
      List<ConceptExamples> examples;
      Map<String, Concept> known = new LinkedHashMap<>();
      if (input.concepts() != null) {
        input.concepts().concepts().concepts().forEach(c -> known.put(c.text(), c));
      }
      if (src.equalsIgnoreCase(GROUND_TRUTH)) {
        if (input.concepts() == null) {
          throw new IllegalArgumentException("method '" + method + "' with concept-examples=ground-truth needs the dataset's concept set "
              + "(concepts.json), whose order the ground truth follows; or give concept-examples=FILE, or bank=text");
        }
        Dataset cd = input.conceptDataset();
        examples = ConceptExamples.fromGroundTruth(cd, input.concepts().concepts(), MethodSupport.trainIndices(cd));
        config.put("concept_examples", cd == d ? "ground truth, training split"
            : "ground truth, training split of the full dataset (" + cd.indices(Split.TRAIN).length + " items; the class-labelled training items are a subset)");
      } else {
        try {
          examples = ConceptExampleFile.read(Path.of(src)).resolve(d);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read concept examples " + src + ": " + e.getMessage(), e);
        }
        config.put("concept_examples", src);
      }
      if (!examples.isEmpty() && examples.get(0).dim() != d.dim()) {
        throw new IllegalArgumentException("concept examples are " + examples.get(0).dim() + "-d but the dataset is " + d.dim() + "-d");
      }
      bank = new CavTrainer(cc).fit(examples, known, bankSeed, progress);
      config.put("cav", Configs.toMap(cc));
      config.put("cav_seed", bankSeed);
    }
    double bankSeconds = (System.nanoTime() - t0) / 1e9;
    ProjectionBottleneck b = bank.bottleneck();
    FloatMatrix xTrain = d.embeddingsOf(tr);
    FloatMatrix xVal = d.embeddingsOf(va);
    FloatMatrix trainActs = b.activate(xTrain, progress);
    if (standardize) {
      Standardization st = Standardization.fit(trainActs);
      b = new ProjectionBottleneck(bank.directions(), bank.intercepts(), Scoring.DOT, null, st);
      st.applyInPlace(trainActs.data(), 0, trainActs.rows());
    }
    FloatMatrix valActs = b.activate(xVal, ProgressListener.NONE);
    HeadData hd = new HeadData(trainActs, d.labelsOf(tr), valActs, d.labelsOf(va), d.numClasses(), xTrain, xVal);
    HeadFit fit = new ElasticNetHeadTrainer(ec).fit(hd, progress);
    config.put("bank", bank.describe());
    config.put("standardize", standardize);
    config.put("head", Configs.toMap(ec));
    config.put("head_objective", "mean CE + λ·α·|W|₁ + λ·(1−α)/2·|W|² (sklearn SGDClassifier elasticnet with alpha=λ, l1_ratio=α), multinomial");
    return new Fitted(bank, b, hd, fit, config, bankSeconds);
  }

  static void bankMetrics(Fitted f, TrainingInput input, Map<String, Object> m) {
    // Recovery matches concept indices with the ground truth's, which follow the dataset's concept set.
    if (input.concepts() == null || !f.bank().concepts().texts().equals(input.concepts().concepts().texts())) {
      m.remove("true_concept_recovery");
    }
    m.put("bank", f.bank().kind());
    m.put("bank_concepts", f.bank().size());
    m.put("bank_seconds", f.bankSeconds());
    if (!f.bank().records().isEmpty()) {
      double sum = 0;
      double min = 1;
      int converged = 0;
      List<Double> cs = new ArrayList<>();
      for (CavRecord r : f.bank().records()) {
        sum += r.valAccuracy();
        min = Math.min(min, r.valAccuracy());
        converged += r.converged() ? 1 : 0;
        cs.add(r.c());
      }
      m.put("cav_mean_val_accuracy", sum / f.bank().records().size());
      m.put("cav_min_val_accuracy", min);
      m.put("cavs_converged", converged);
      m.put("cav_selected_c_counts", counts(cs));
    }
  }

  private static Map<String, Integer> counts(List<Double> cs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (double c : cs) {
      out.merge(String.format(Locale.ROOT, "%s", c), 1, Integer::sum);
    }
    return out;
  }

  @Override
  public TrainResult train(TrainingInput input, MethodOptions o, ProgressListener progress) {
    Fitted f = fitPcbm(NAME, input, o, progress);
    Dataset d = input.dataset();
    ConceptBottleneckModel model = new ConceptBottleneckModel(d.classNames(), f.bank().concepts(), f.bottleneck(), f.fit().head(),
        MethodSupport.provenance(NAME, f.config(), input, f.bank().concepts().hash()));
    Map<String, Object> metrics = MethodSupport.metrics(model, d, f.fit());
    bankMetrics(f, input, metrics);
    model = model.withProvenance(model.provenance().withMetrics(metrics));
    return new TrainResult(model, f.fit(), metrics);
  }
}
