package dev.glassbox.explain;

import java.util.List;

/**
 * Why a model gave one input its scores.
 *
 * @param classNames the model's classes
 * @param probabilities class probabilities
 * @param predicted the predicted class
 * @param explainedClass the class whose logit is broken down (usually the predicted one)
 * @param logit the explained class's logit: the sum of every contribution plus bias and residual
 * @param bias the class's bias term
 * @param residual the residual (non-concept) term of hybrid models; 0 for a pure CBM
 * @param contributions the largest contributions by magnitude, largest first
 * @param omitted how many non-zero contributions were left out of {@code contributions}
 * @param omittedSum the sum of the left-out contributions
 */
public record Explanation(
    List<String> classNames, float[] probabilities, int predicted, int explainedClass, float logit, float bias,
    float residual, List<Contribution> contributions, int omitted, float omittedSum) {

  public String predictedClass() {
    return classNames.get(predicted);
  }

  public String explainedClassName() {
    return classNames.get(explainedClass);
  }
}
