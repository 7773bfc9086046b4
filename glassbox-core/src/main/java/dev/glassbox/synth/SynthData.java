package dev.glassbox.synth;

import dev.glassbox.data.Dataset;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;

/**
 * A generated dataset with its known structure.
 *
 * @param dataset the labelled image-side embeddings, with ground truth (each class's true concepts)
 * @param concepts the concepts' text-side embeddings
 * @param directions {@code [concepts × dim]} the true unit concept directions in image space
 */
public record SynthData(Dataset dataset, ConceptEmbeddings concepts, FloatMatrix directions) {

  /**
   * {@code [classes × dim]} text-side embeddings of the class names. The synthetic world has no
   * text encoder to encode a name with, so a class's embedding is the normalised sum of its true
   * concepts' text embeddings: what a class name's embedding is for a real encoder when the name
   * evokes exactly the class's concepts. It carries the text side's modality gap, as a real class
   * name's embedding would.
   */
  public FloatMatrix classEmbeddings() {
    int c = dataset.numClasses();
    int d = concepts.dim();
    FloatMatrix text = concepts.embeddings();
    FloatMatrix out = FloatMatrix.zeros(c, d);
    for (int y = 0; y < c; y++) {
      for (int k : dataset.groundTruth().classConcepts().get(y)) {
        for (int p = 0; p < d; p++) {
          out.data()[y * d + p] += text.get(k, p);
        }
      }
    }
    Matrices.normalizeRowsInPlace(out.data(), c, d);
    return out;
  }
}
