package dev.glassbox.head;

import dev.glassbox.math.FloatMatrix;

/**
 * What a head is trained on: concept activations and labels for the training and validation
 * splits, and (for hybrid heads) the raw input embeddings.
 *
 * @param trainActivations {@code [nTrain × numConcepts]}
 * @param trainLabels class per training item
 * @param valActivations {@code [nVal × numConcepts]}; may have zero rows
 * @param valLabels class per validation item
 * @param numClasses number of classes
 * @param trainInputs raw training embeddings for residual heads, or null
 * @param valInputs raw validation embeddings for residual heads, or null
 */
public record HeadData(
    FloatMatrix trainActivations, int[] trainLabels,
    FloatMatrix valActivations, int[] valLabels,
    int numClasses,
    FloatMatrix trainInputs, FloatMatrix valInputs) {

  public HeadData {
    if (trainActivations.rows() != trainLabels.length) {
      throw new IllegalArgumentException("training activations have " + trainActivations.rows() + " rows but " + trainLabels.length + " labels");
    }
    if (valActivations.rows() != valLabels.length) {
      throw new IllegalArgumentException("validation activations have " + valActivations.rows() + " rows but " + valLabels.length + " labels");
    }
    if (valActivations.cols() != trainActivations.cols()) {
      throw new IllegalArgumentException(
          "validation activations have " + valActivations.cols() + " concepts but training ones have " + trainActivations.cols());
    }
    if (trainActivations.rows() == 0) {
      throw new IllegalArgumentException("there are no training items");
    }
  }

  public HeadData(FloatMatrix trainActivations, int[] trainLabels, FloatMatrix valActivations, int[] valLabels, int numClasses) {
    this(trainActivations, trainLabels, valActivations, valLabels, numClasses, null, null);
  }

  public int numConcepts() {
    return trainActivations.cols();
  }
}
