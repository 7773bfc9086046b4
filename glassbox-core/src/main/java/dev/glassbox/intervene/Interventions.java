package dev.glassbox.intervene;

import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Prediction;
import java.util.List;

/** Applies interventions to one input's concept activations and re-runs the head. */
public final class Interventions {
  private Interventions() {}

  public static InterventionResult apply(ConceptBottleneckModel model, float[] embedding, List<Intervention> interventions) {
    Prediction before = model.predict(embedding);
    float[] acts = before.activations().clone();
    for (Intervention iv : interventions) {
      if (iv.concept() < 0 || iv.concept() >= model.numConcepts()) {
        throw new IllegalArgumentException(
            "intervention names concept " + iv.concept() + " but the model has " + model.numConcepts() + " concepts");
      }
      acts[iv.concept()] = iv.apply(acts[iv.concept()]);
    }
    Prediction after = model.predictFromActivations(acts, embedding);
    return new InterventionResult(before, after, List.copyOf(interventions));
  }
}
