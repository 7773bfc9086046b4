package dev.glassbox.edit;

import dev.glassbox.head.LinearHead;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;

/** Applies {@link ModelEdit}s, producing new models; the input model is never changed. */
public final class ModelEditor {
  private ModelEditor() {}

  public static ConceptBottleneckModel apply(ConceptBottleneckModel model, ModelEdit edit) {
    ConceptBottleneckModel out;
    if (edit instanceof ModelEdit.ZeroWeight z) {
      out = scale(model, z.concept(), z.className(), 0);
    } else if (edit instanceof ModelEdit.Reweight r) {
      out = scale(model, r.concept(), r.className(), r.factor());
    } else if (edit instanceof ModelEdit.ZeroRenormalized zr) {
      out = zeroRenormalized(model, zr.concept(), zr.className());
    } else if (edit instanceof ModelEdit.RemoveConcept rc) {
      out = remove(model, rc.concept());
    } else {
      throw new IllegalArgumentException("unknown edit " + edit);
    }
    long bad = out.head().weight().firstNonFinite();
    if (bad >= 0) {
      int k = out.numConcepts();
      throw new IllegalArgumentException("the " + edit.describe().get("edit") + " edit would leave a non-finite weight ("
          + out.head().weight().data()[(int) bad] + ") for concept \"" + out.concepts().get((int) (bad % k)).text() + "\" of class \""
          + out.classNames().get((int) (bad / k)) + "\"; the weights must stay finite floats");
    }
    return out.withProvenance(out.provenance().withEdit(edit.describe()));
  }

  /**
   * Multiplies the concept's weights by {@code factor}, in double, refusing a product that is not a
   * finite float: {@code 1e39} is a finite double, but a weight times it overflows the head's
   * float32 (and {@code 0 × ∞} would be NaN).
   */
  private static ConceptBottleneckModel scale(ConceptBottleneckModel model, String concept, String className, double factor) {
    int j = conceptIndex(model, concept);
    int k = model.numConcepts();
    FloatMatrix w = model.head().weight().copy();
    float[] d = w.data();
    int from = className == null ? 0 : classIndex(model, className);
    int to = className == null ? model.numClasses() : from + 1;
    double largest = 0;
    for (int c = from; c < to; c++) {
      largest = Math.max(largest, Math.abs(d[c * k + j]));
    }
    for (int c = from; c < to; c++) {
      double v = d[c * k + j] * factor;
      if (!Float.isFinite((float) v)) {
        throw new IllegalArgumentException("re-weighting concept \"" + concept + "\" by " + factor + " overflows: its weight for class \""
            + model.classNames().get(c) + "\" (" + d[c * k + j] + ") would become " + v + ", beyond the largest float ("
            + Float.MAX_VALUE + "); use a factor of magnitude below " + (float) (Float.MAX_VALUE / largest));
      }
    }
    for (int c = from; c < to; c++) {
      d[c * k + j] = (float) (d[c * k + j] * factor);
    }
    return model.withHead(model.head().withWeight(w));
  }

  private static ConceptBottleneckModel zeroRenormalized(ConceptBottleneckModel model, String concept, String className) {
    int j = conceptIndex(model, concept);
    int k = model.numConcepts();
    FloatMatrix w = model.head().weight().copy();
    float[] d = w.data();
    int from = className == null ? 0 : classIndex(model, className);
    int to = className == null ? model.numClasses() : from + 1;
    for (int c = from; c < to; c++) {
      int base = c * k;
      if (d[base + j] == 0f) {
        continue;
      }
      double before = 0;
      for (int i = 0; i < k; i++) {
        before += Math.abs(d[base + i]);
      }
      d[base + j] = 0f;
      double after = 0;
      for (int i = 0; i < k; i++) {
        after += Math.abs(d[base + i]);
      }
      if (after > 0) {
        float s = (float) (before / after);
        for (int i = 0; i < k; i++) {
          d[base + i] *= s;
        }
      }
    }
    return model.withHead(model.head().withWeight(w));
  }

  private static ConceptBottleneckModel remove(ConceptBottleneckModel model, String concept) {
    int j = conceptIndex(model, concept);
    int k = model.numConcepts();
    if (k == 1) {
      throw new IllegalArgumentException("cannot remove \"" + concept + "\": it is the model's only concept");
    }
    int[] keep = new int[k - 1];
    for (int i = 0, p = 0; i < k; i++) {
      if (i != j) {
        keep[p++] = i;
      }
    }
    LinearHead h = model.head();
    LinearHead nh = new LinearHead(h.weight().selectColumns(keep), h.bias().clone(), h.residual());
    ConceptBottleneckModel m = new ConceptBottleneckModel(
        model.classNames(), model.concepts().select(keep), model.bottleneck().selectConcepts(keep), nh, model.provenance());
    return m.withProvenance(m.provenance().withConceptSetHash(m.concepts().hash()));
  }

  static int conceptIndex(ConceptBottleneckModel model, String concept) {
    int j = model.concepts().indexOf(concept);
    if (j < 0) {
      throw new IllegalArgumentException("the model has no concept \"" + concept + "\"; list its concepts with `glassbox inspect`");
    }
    return j;
  }

  static int classIndex(ConceptBottleneckModel model, String className) {
    int c = model.classNames().indexOf(className);
    if (c < 0) {
      throw new IllegalArgumentException("the model has no class \"" + className + "\"; its classes are " + model.classNames());
    }
    return c;
  }
}
