package dev.glassbox.pipeline;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.evaluate.Evaluation;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.head.HeadFit;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Steps every method shares: checking splits, measuring, and recording provenance and metrics. */
public final class MethodSupport {
  private MethodSupport() {}

  /** The training indices, or an error when the training split is empty. */
  public static int[] trainIndices(Dataset d) {
    int[] idx = d.indices(Split.TRAIN);
    if (idx.length == 0) {
      throw new IllegalArgumentException("dataset '" + d.name() + "' has no training items (split \"train\" in its index)");
    }
    return idx;
  }

  /**
   * The classes with no item in the training split, in class order: every method learns a class
   * from its training items (Concept Matrix Search's scores are standardised on them too), so a
   * model trained on such data never predicts these classes.
   */
  public static List<String> classesWithoutTrainingItems(Dataset d) {
    int[] count = new int[d.numClasses()];
    int[] labels = d.labels();
    for (int i : d.indices(Split.TRAIN)) {
      count[labels[i]]++;
    }
    List<String> out = new ArrayList<>();
    for (int c = 0; c < count.length; c++) {
      if (count[c] == 0) {
        out.add(d.classNames().get(c));
      }
    }
    return out;
  }

  /** Standard metrics of a trained model: accuracy per split, sparsity, coverage, recovery. */
  public static Map<String, Object> metrics(ConceptBottleneckModel model, Dataset d, HeadFit fit) {
    Map<String, Object> m = new LinkedHashMap<>();
    Evaluation val = Evaluator.evaluate(model, d, Split.VALIDATION);
    Evaluation test = Evaluator.evaluate(model, d, Split.TEST);
    m.put("val_accuracy", nanToNull(val.top1()));
    m.put("test_accuracy", nanToNull(test.top1()));
    m.put("test_top5_accuracy", nanToNull(test.top5()));
    m.putAll(sparsity(model));
    m.put("test_coverage", nanToNull(test.meanCoverage()));
    if (fit != null) {
      m.put("converged", fit.converged());
      m.put("selected_lambda", nanToNull(fit.selectedReport().lambda()));
      m.put("path_points", fit.path().size());
      m.put("selection", fit.selection());
    }
    if (test.recovery() != null) {
      m.put("true_concept_recovery", nanToNull(test.recovery().overall()));
    }
    return m;
  }

  /** The head's sparsity: non-zero weights per class, their total, maximum and mean. */
  public static Map<String, Object> sparsity(ConceptBottleneckModel model) {
    int[] nz = model.head().nonZerosPerClass();
    List<Integer> nzl = new ArrayList<>();
    int total = 0;
    int max = 0;
    for (int v : nz) {
      nzl.add(v);
      total += v;
      max = Math.max(max, v);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nonzeros_per_class", nzl);
    m.put("nonzeros_total", total);
    m.put("max_nonzeros_per_class", max);
    m.put("mean_nonzeros_per_class", nz.length == 0 ? 0 : (double) total / nz.length);
    return m;
  }

  public static Object nanToNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Provenance for a model trained by {@code method} on {@code input}. */
  public static Provenance provenance(String method, Map<String, Object> config, TrainingInput input, String conceptSetHash) {
    Dataset d = input.dataset();
    Map<String, Object> cfg = new LinkedHashMap<>(config);
    cfg.putIfAbsent("dataset", d.name());
    if (!d.metadata().isEmpty()) {
      cfg.putIfAbsent("dataset_metadata", d.metadata());
    }
    EncoderIdentity conceptEncoder = input.concepts() == null ? null : input.concepts().encoder();
    if (conceptEncoder != null) {
      cfg.putIfAbsent("concept_encoder", Map.of("name", conceptEncoder.name(), "sha256", conceptEncoder.sha256(), "dim", conceptEncoder.dim()));
    }
    EncoderIdentity inputEncoder = inputEncoder(d);
    return Provenance.now(method, cfg, input.seed(), d.fingerprint(), conceptSetHash,
        inputEncoder != null ? inputEncoder : conceptEncoder, Map.of());
  }

  /**
   * The encoder of the dataset's embeddings (the model's input), from the dataset's metadata
   * ({@code encoder}, {@code encoder_sha256}, {@code encoder_dim}), or null when it records none.
   * This is what a model's provenance names as its encoder: what a server must run on an image
   * before the model can read it. The concepts' text encoder goes into the config.
   */
  public static EncoderIdentity inputEncoder(Dataset d) {
    String name = d.metadata().get("encoder");
    if (name == null || name.isBlank()) {
      return null;
    }
    int dim;
    try {
      dim = Integer.parseInt(d.metadata().getOrDefault("encoder_dim", Integer.toString(d.dim())));
    } catch (NumberFormatException e) {
      dim = d.dim();
    }
    return new EncoderIdentity(name, d.metadata().getOrDefault("encoder_sha256", ""), dim);
  }
}
