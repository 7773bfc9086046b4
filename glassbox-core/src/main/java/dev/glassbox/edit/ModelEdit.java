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

  /**
   * Post-hoc CBM's "prune and normalise" global edit (Yuksekgonul, Wang &amp; Zou, ICLR 2023, §5):
   * zeroes the weight of {@code concept} for {@code className} (or for every class whose weight on it
   * is non-zero, when null) and rescales that class's remaining weights by
   * {@code ‖w_c‖₁ / ‖w_c without the concept‖₁}, so that the class's weight vector keeps its L1 norm
   * and its logit keeps its overall scale against the other classes. The paper's editing scripts
   * are not released; preserving the L1 norm (the norm the sparse head's penalty controls) is our
   * reading of its renormalisation. A class whose only non-zero weight was on the concept is left
   * with zero weights (there is nothing to rescale).
   */
  record ZeroRenormalized(String concept, String className) implements ModelEdit {
    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("edit", "zero-renormalize");
      m.put("concept", concept);
      m.put("class", className == null ? "*" : className);
      m.put("norm", "L1");
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
