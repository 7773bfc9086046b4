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
      out = scale(model, z.concept(), z.className(), 0f);
    } else if (edit instanceof ModelEdit.Reweight r) {
      out = scale(model, r.concept(), r.className(), (float) r.factor());
    } else if (edit instanceof ModelEdit.ZeroRenormalized zr) {
      out = zeroRenormalized(model, zr.concept(), zr.className());
    } else if (edit instanceof ModelEdit.RemoveConcept rc) {
      out = remove(model, rc.concept());
    } else {
      throw new IllegalArgumentException("unknown edit " + edit);
    }
    return out.withProvenance(out.provenance().withEdit(edit.describe()));
  }

  private static ConceptBottleneckModel scale(ConceptBottleneckModel model, String concept, String className, float factor) {
    int j = conceptIndex(model, concept);
    int k = model.numConcepts();
    FloatMatrix w = model.head().weight().copy();
    if (className == null) {
      for (int c = 0; c < model.numClasses(); c++) {
        w.data()[c * k + j] *= factor;
      }
    } else {
      int c = classIndex(model, className);
      w.data()[c * k + j] *= factor;
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
