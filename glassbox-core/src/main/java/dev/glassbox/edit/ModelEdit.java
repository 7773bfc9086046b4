package dev.glassbox.edit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A global change to a trained model, recorded in the new model's provenance. Concepts and classes
 * are named by their text, so a recorded edit reads the same in any later version.
 */
public sealed interface ModelEdit {
  /** The edit as a JSON-compatible map for provenance. */
  Map<String, Object> describe();

  /** Sets the weight of {@code concept} to zero for {@code className}, or for every class when it is null. */
  record ZeroWeight(String concept, String className) implements ModelEdit {
    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("edit", "zero");
      m.put("concept", concept);
      m.put("class", className == null ? "*" : className);
      return m;
    }
  }

  /** Multiplies the weight of {@code concept} by {@code factor} for {@code className}, or for every class when it is null. */
  record Reweight(String concept, String className, double factor) implements ModelEdit {
    public Reweight {
      if (!Double.isFinite(factor)) {
        throw new IllegalArgumentException("re-weight factor must be finite, got " + factor);
      }
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("edit", "reweight");
      m.put("concept", concept);
      m.put("class", className == null ? "*" : className);
      m.put("factor", factor);
      return m;
    }
  }

  /** Removes {@code concept} from the bottleneck and the head (prunes its column). */
  record RemoveConcept(String concept) implements ModelEdit {
    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("edit", "remove");
      m.put("concept", concept);
      return m;
    }
  }
}
