package dev.glassbox.intervene;

import dev.glassbox.model.Prediction;
import java.util.List;

/**
 * A prediction before and after a set of interventions.
 *
 * @param before the model's own prediction
 * @param after the prediction with the interventions applied
 * @param interventions what was changed
 */
public record InterventionResult(Prediction before, Prediction after, List<Intervention> interventions) {
  public boolean changedPrediction() {
    return before.predicted() != after.predicted();
  }
}
