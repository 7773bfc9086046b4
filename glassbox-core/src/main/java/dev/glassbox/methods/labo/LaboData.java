package dev.glassbox.methods.labo;

import dev.glassbox.math.FloatMatrix;
import java.util.Objects;

/**
 * What LaBo's head trains on: precomputed image–concept scores (LaBo's fast path) and labels.
 *
 * @param trainScores {@code [nTrain × K]} concept scores of the training images
 * @param trainLabels class per training image
 * @param valScores {@code [nVal × K]} concept scores of the validation images; may have no rows
 *     (checkpoints are then chosen by training accuracy)
 * @param valLabels class per validation image
 * @param prior the language prior, which fixes the number of classes and concepts
 */
public record LaboData(FloatMatrix trainScores, int[] trainLabels, FloatMatrix valScores, int[] valLabels, AssociationPrior prior) {
  public LaboData {
    Objects.requireNonNull(prior, "prior");
    if (trainScores.rows() != trainLabels.length) {
      throw new IllegalArgumentException("training scores have " + trainScores.rows() + " rows but " + trainLabels.length + " labels");
    }
    if (trainScores.rows() == 0) {
      throw new IllegalArgumentException("there are no training items");
    }
    if (valScores.rows() != valLabels.length) {
      throw new IllegalArgumentException("validation scores have " + valScores.rows() + " rows but " + valLabels.length + " labels");
    }
    if (trainScores.cols() != prior.numConcepts() || valScores.cols() != prior.numConcepts()) {
      throw new IllegalArgumentException("scores have " + trainScores.cols() + " (train) and " + valScores.cols()
          + " (validation) concepts but the prior has " + prior.numConcepts());
    }
    checkLabels(trainLabels, prior.numClasses(), "training");
    checkLabels(valLabels, prior.numClasses(), "validation");
  }

  private static void checkLabels(int[] y, int c, String what) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= c) {
        throw new IllegalArgumentException(what + " item " + i + " has label " + y[i] + " but there are " + c + " classes");
      }
    }
  }

  public int numClasses() {
    return prior.numClasses();
  }

  public int numConcepts() {
    return prior.numConcepts();
  }
}
