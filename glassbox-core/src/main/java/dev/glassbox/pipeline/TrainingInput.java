package dev.glassbox.pipeline;

import dev.glassbox.data.Dataset;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import java.util.Objects;

/**
 * What a method trains on.
 *
 * @param dataset labelled embeddings with splits
 * @param concepts the candidate concepts with embeddings from the same encoder, or null for
 *     methods that discover their own (Discover-then-Name) or need none (a linear probe)
 * @param seed the root seed for anything stochastic
 * @param classEmbeddings {@code [numClasses × dim]} text embeddings of the class names, from the
 *     same encoder as the concepts (row {@code y} for class {@code y}), or null when the dataset
 *     carries none; read by training-free methods that compare images with classes through
 *     concepts (Concept Matrix Search)
 */
public record TrainingInput(Dataset dataset, ConceptEmbeddings concepts, long seed, FloatMatrix classEmbeddings) {
  public TrainingInput {
    Objects.requireNonNull(dataset, "dataset");
    if (classEmbeddings != null) {
      if (classEmbeddings.rows() != dataset.numClasses()) {
        throw new IllegalArgumentException(
            "class embeddings have " + classEmbeddings.rows() + " rows but dataset '" + dataset.name() + "' has "
                + dataset.numClasses() + " classes; give one embedding per class, in class order");
      }
      if (classEmbeddings.cols() != dataset.dim()) {
        throw new IllegalArgumentException(
            "class embeddings are " + classEmbeddings.cols() + "-d but the dataset's embeddings are " + dataset.dim()
                + "-d; encode the class names with the same encoder as the images");
      }
      long bad = classEmbeddings.firstNonFinite();
      if (bad >= 0) {
        throw new IllegalArgumentException("class embedding of \"" + dataset.classNames().get((int) (bad / classEmbeddings.cols()))
            + "\" holds a non-finite value at dimension " + bad % classEmbeddings.cols());
      }
    }
  }

  /** An input without class embeddings. */
  public TrainingInput(Dataset dataset, ConceptEmbeddings concepts, long seed) {
    this(dataset, concepts, seed, null);
  }

  /** The concepts, or an error naming the method that needs them. */
  public ConceptEmbeddings requireConcepts(String method) {
    if (concepts == null) {
      throw new IllegalArgumentException(
          "method '" + method + "' needs a concept set with embeddings (concepts.json and concept_embeddings.npy in the dataset)");
    }
    if (concepts.dim() != dataset.dim()) {
      throw new IllegalArgumentException(
          "concept embeddings are " + concepts.dim() + "-d but the dataset's embeddings are " + dataset.dim()
              + "-d; encode the concepts with the same encoder as the images");
    }
    return concepts;
  }

  /** The class-name embeddings, or an error naming the method that needs them. */
  public FloatMatrix requireClassEmbeddings(String method) {
    if (classEmbeddings == null) {
      throw new IllegalArgumentException(
          "method '" + method + "' needs the class names' text embeddings (class_embeddings.npy in the dataset directory: "
              + dataset.numClasses() + " rows, one per line of classes.txt, from the encoder of the concepts); "
              + "'glassbox synth' writes them, other datasets must encode their class names");
    }
    return classEmbeddings;
  }

  /** The same input over another dataset with the same classes (a few-shot subset, a re-split). */
  public TrainingInput withDataset(Dataset d) {
    return new TrainingInput(d, concepts, seed, classEmbeddings);
  }

  /** The same input with another root seed. */
  public TrainingInput withSeed(long s) {
    return new TrainingInput(dataset, concepts, s, classEmbeddings);
  }
}
