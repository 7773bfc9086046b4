package dev.glassbox.methods.pcbm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Post-hoc CBM stores with each concept activation vector: the SVM's penalty and accuracies,
 * its intercept, and the margin statistics of its examples; plus how the solver went.
 *
 * @param concept the concept's text
 * @param c the selected SVM penalty C
 * @param trainAccuracy accuracy on the training examples
 * @param valAccuracy accuracy on the validation examples
 * @param weightNorm {@code ‖w‖} of the SVM (the direction stored is {@code w/‖w‖})
 * @param intercept the stored intercept {@code b/‖w‖}, so that the score is the signed margin
 * @param margins margin statistics over the training and validation examples
 * @param valAccuracyPerC validation accuracy of each C tried, in grid order
 * @param iterations SMO iterations of the selected fit
 * @param converged whether the selected fit met its tolerance
 * @param supportVectors support vectors of the selected fit
 */
public record CavRecord(
    String concept, double c, double trainAccuracy, double valAccuracy, double weightNorm, double intercept,
    MarginStatistics margins, List<Double> valAccuracyPerC, long iterations, boolean converged, int supportVectors) {

  public CavRecord {
    valAccuracyPerC = List.copyOf(valAccuracyPerC);
  }

  /** JSON-compatible form for provenance. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("concept", concept);
    m.put("C", c);
    m.put("train_accuracy", trainAccuracy);
    m.put("val_accuracy", valAccuracy);
    m.put("weight_norm", weightNorm);
    m.put("intercept", intercept);
    m.put("margin", margins.describe());
    m.put("val_accuracy_per_C", valAccuracyPerC);
    m.put("iterations", iterations);
    m.put("converged", converged);
    m.put("support_vectors", supportVectors);
    return m;
  }
}
