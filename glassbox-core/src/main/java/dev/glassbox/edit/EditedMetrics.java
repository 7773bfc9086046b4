package dev.glassbox.edit;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Provenance;
import dev.glassbox.pipeline.MethodSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metrics an edited model carries. Training records accuracy, sparsity, coverage and recovery
 * in a model's provenance; an edit changes all of them, so an edited model must not show its
 * parent's figures as its own. Sparsity is recomputed from the edited head; the figures that need
 * data are measured again on a dataset when one is given, and otherwise kept under
 * {@value #BEFORE_EDITS} (what the model measured before its edits) instead of at the top level.
 * What describes the training run itself (convergence, the selected λ, the path) stays.
 */
public final class EditedMetrics {
  /** The metrics key under which figures measured before the edits are kept when none could be remeasured. */
  public static final String BEFORE_EDITS = "before_edits";

  /** Keys whose values depend on the head and data, so an edit makes them stale. */
  private static final Set<String> DATA_METRICS = Set.of(
      "val_accuracy", "test_accuracy", "test_top5_accuracy", "test_coverage", "true_concept_recovery");

  private EditedMetrics() {}

  /**
   * An edited model with up-to-date metrics, and the validation accuracy before and after the edits
   * (null without a dataset, or when it has no validation items).
   */
  public record Updated(ConceptBottleneckModel model, Double accuracyBefore, Double accuracyAfter) {}

  /**
   * {@code edited} (the result of {@link ModelEditor#apply} on {@code before}, one or more times)
   * with its metrics brought up to date, and its last edit record holding the validation accuracy
   * before and after the edits when {@code data} is given.
   *
   * @param data the dataset to measure on, or null
   */
  public static Updated update(ConceptBottleneckModel before, ConceptBottleneckModel edited, Dataset data) {
    Provenance p = edited.provenance();
    Map<String, Object> m = new LinkedHashMap<>(p.metrics());
    if (data != null) {
      // Remeasured: a figure the new measurement does not give (recovery, when the concept set
      // changed) must not survive from the parent.
      m.keySet().removeAll(DATA_METRICS);
      m.putAll(MethodSupport.metrics(edited, data, null));
      m.remove(BEFORE_EDITS);
    } else {
      @SuppressWarnings("unchecked")
      Map<String, Object> earlier = m.get(BEFORE_EDITS) instanceof Map<?, ?> e
          ? new LinkedHashMap<>((Map<String, Object>) e) : new LinkedHashMap<>();
      for (String k : DATA_METRICS) {
        if (m.containsKey(k)) {
          earlier.putIfAbsent(k, m.remove(k));
        }
      }
      if (!earlier.isEmpty()) {
        m.put(BEFORE_EDITS, earlier);
      }
      m.putAll(MethodSupport.sparsity(edited));
    }
    List<Map<String, Object>> edits = new ArrayList<>(p.edits());
    Double accBefore = null;
    Double accAfter = null;
    if (data != null) {
      accBefore = (Double) MethodSupport.nanToNull(Evaluator.evaluate(before, data, Split.VALIDATION).top1());
      accAfter = (Double) m.get("val_accuracy");
      if (!edits.isEmpty()) {
        Map<String, Object> last = new LinkedHashMap<>(edits.get(edits.size() - 1));
        last.put("val_accuracy_before", accBefore);
        last.put("val_accuracy_after", accAfter);
        last.put("measured_on", data.name());
        edits.set(edits.size() - 1, last);
      }
    }
    Provenance q = new Provenance(p.glassboxVersion(), p.glassboxCommit(), p.java(), p.os(), p.createdAt(), p.method(), p.config(),
        p.seed(), p.datasetFingerprint(), p.conceptSetHash(), p.encoder(), edits, m);
    return new Updated(edited.withProvenance(q), accBefore, accAfter);
  }
}
