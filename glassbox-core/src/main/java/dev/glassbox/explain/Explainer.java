package dev.glassbox.explain;

import dev.glassbox.head.LinearHead;
import dev.glassbox.math.Kernels;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Prediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Local explanations (one input) and global ones (one class) of a concept bottleneck model. */
public final class Explainer {
  private Explainer() {}

  /**
   * Breaks down one input's logit for {@code classIndex} (or the predicted class when it is −1)
   * into concept contributions, keeping the {@code topK} largest by magnitude.
   */
  public static Explanation explain(ConceptBottleneckModel model, float[] embedding, int topK, int classIndex) {
    return explain(model, model.predict(embedding), embedding, topK, classIndex);
  }

  /** As {@link #explain(ConceptBottleneckModel, float[], int, int)}, for a prediction already made. */
  public static Explanation explain(ConceptBottleneckModel model, Prediction p, float[] embedding, int topK, int classIndex) {
    if (topK < 0) {
      throw new IllegalArgumentException("top must be ≥ 0, got " + topK);
    }
    int cls = classIndex < 0 ? p.predicted() : classIndex;
    if (cls >= model.numClasses()) {
      throw new IllegalArgumentException("class index " + cls + " is out of range; the model has " + model.numClasses() + " classes");
    }
    LinearHead h = model.head();
    int k = model.numConcepts();
    List<Contribution> all = new ArrayList<>();
    float[] w = h.weight().data();
    for (int j = 0; j < k; j++) {
      float wt = w[cls * k + j];
      if (wt != 0f) {
        float a = p.activations()[j];
        all.add(new Contribution(j, model.concepts().get(j).text(), a, wt, a * wt));
      }
    }
    all.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.contribution())).thenComparingInt(Contribution::concept));
    List<Contribution> top = List.copyOf(all.subList(0, Math.min(topK, all.size())));
    float omittedSum = 0;
    for (int i = top.size(); i < all.size(); i++) {
      omittedSum += all.get(i).contribution();
    }
    float residual = 0;
    if (h.residual() != null) {
      residual = Kernels.dot(embedding.length, h.residual().data(), cls * embedding.length, embedding, 0);
    }
    return new Explanation(model.classNames(), p.probabilities(), p.predicted(), cls, p.logits()[cls], h.bias()[cls], residual,
        top, all.size() - top.size(), omittedSum);
  }

  /** A class's non-zero concept weights, largest magnitude first. */
  public static List<ClassWeight> classWeights(ConceptBottleneckModel model, int classIndex) {
    if (classIndex < 0 || classIndex >= model.numClasses()) {
      throw new IllegalArgumentException("class index " + classIndex + " is out of range; the model has " + model.numClasses() + " classes");
    }
    int k = model.numConcepts();
    float[] w = model.head().weight().data();
    List<ClassWeight> out = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      float v = w[classIndex * k + j];
      if (v != 0f) {
        out.add(new ClassWeight(j, model.concepts().get(j).text(), v));
      }
    }
    out.sort(Comparator.comparingDouble((ClassWeight c) -> -Math.abs(c.weight())).thenComparingInt(ClassWeight::concept));
    return out;
  }
}
