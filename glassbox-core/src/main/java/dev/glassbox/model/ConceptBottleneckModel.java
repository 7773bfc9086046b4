package dev.glassbox.model;

import dev.glassbox.bottleneck.Bottleneck;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.head.LinearHead;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.RowSource;
import java.util.List;
import java.util.Objects;

/**
 * A trained concept bottleneck model: input embedding → concept activations → class logits.
 * Immutable and thread-safe.
 *
 * @param classNames class names, in logit order
 * @param concepts the bottleneck's concepts, in activation order
 * @param bottleneck the concept scorer
 * @param head the class predictor over concept activations
 * @param provenance where the model came from
 */
public record ConceptBottleneckModel(
    List<String> classNames, ConceptSet concepts, Bottleneck bottleneck, LinearHead head, Provenance provenance) {

  public ConceptBottleneckModel {
    classNames = List.copyOf(classNames);
    Objects.requireNonNull(concepts, "concepts");
    Objects.requireNonNull(bottleneck, "bottleneck");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(provenance, "provenance");
    if (concepts.size() != bottleneck.numConcepts()) {
      throw new IllegalArgumentException(
          "the model lists " + concepts.size() + " concepts but its bottleneck scores " + bottleneck.numConcepts());
    }
    if (head.numConcepts() != bottleneck.numConcepts()) {
      throw new IllegalArgumentException(
          "the head reads " + head.numConcepts() + " concepts but the bottleneck gives " + bottleneck.numConcepts());
    }
    if (head.numClasses() != classNames.size()) {
      throw new IllegalArgumentException(
          "the head predicts " + head.numClasses() + " classes but the model names " + classNames.size());
    }
    if (head.residual() != null && head.residual().cols() != bottleneck.inputDim()) {
      throw new IllegalArgumentException(
          "the head's residual reads " + head.residual().cols() + "-d inputs but the bottleneck reads " + bottleneck.inputDim() + "-d");
    }
  }

  public int numClasses() {
    return classNames.size();
  }

  public int numConcepts() {
    return concepts.size();
  }

  public int inputDim() {
    return bottleneck.inputDim();
  }

  /** One input's concept activations, logits, probabilities and predicted class. */
  public Prediction predict(float[] embedding) {
    requireInput(embedding);
    float[] acts = bottleneck.activate(embedding);
    return predictFromActivations(acts, embedding);
  }

  /**
   * The prediction for given activations (for interventions): the residual term, if any, still
   * reads {@code embedding}.
   */
  public Prediction predictFromActivations(float[] activations, float[] embedding) {
    float[] logits = new float[numClasses()];
    head.logits(activations, embedding, 1, logits);
    float[] probs = logits.clone();
    Matrices.softmaxRowsInPlace(probs, 1, probs.length);
    return new Prediction(activations, logits, probs, Matrices.argmax(logits, 0, logits.length));
  }

  /** Logits {@code [n × numClasses]} for every row of {@code inputs}. */
  public FloatMatrix logits(RowSource inputs) {
    if (inputs.cols() != inputDim()) {
      throw new IllegalArgumentException(
          "inputs are " + inputs.cols() + "-d but the model expects " + inputDim() + "-d embeddings");
    }
    int n = inputs.rows();
    int c = numClasses();
    int k = numConcepts();
    int d = inputDim();
    FloatMatrix out = FloatMatrix.zeros(n, c);
    int block = Math.max(1, Math.min(2048, (1 << 21) / Math.max(1, k)));
    float[] x = new float[block * d];
    float[] acts = new float[block * k];
    float[] lg = new float[block * c];
    for (int s = 0; s < n; s += block) {
      int m = Math.min(block, n - s);
      inputs.readRows(s, m, x, 0);
      bottleneck.activate(x, m, acts);
      head.logits(acts, x, m, lg);
      System.arraycopy(lg, 0, out.data(), s * c, m * c);
    }
    return out;
  }

  /** The predicted class of every row of {@code inputs}. */
  public int[] predictClasses(RowSource inputs) {
    FloatMatrix l = logits(inputs);
    int[] out = new int[l.rows()];
    for (int r = 0; r < out.length; r++) {
      out[r] = Matrices.argmax(l.data(), r * l.cols(), l.cols());
    }
    return out;
  }

  private void requireInput(float[] x) {
    if (x.length != inputDim()) {
      throw new IllegalArgumentException(
          "embedding has " + x.length + " values but the model expects " + inputDim() + "; use embeddings from the model's encoder");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw new IllegalArgumentException("embedding value " + i + " is " + x[i] + "; every value must be finite");
      }
    }
  }

  public ConceptBottleneckModel withHead(LinearHead h) {
    return new ConceptBottleneckModel(classNames, concepts, bottleneck, h, provenance);
  }

  public ConceptBottleneckModel withProvenance(Provenance p) {
    return new ConceptBottleneckModel(classNames, concepts, bottleneck, head, p);
  }
}
