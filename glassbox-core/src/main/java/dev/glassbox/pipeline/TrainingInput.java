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
 * @param conceptDataset the labelled items whose training split a method may learn a concept bank
 *     from by their per-item concept labels (Post-hoc CBM's CAVs): the dataset itself, unless a
 *     protocol limits the class-labelled training items (few-shot) but not the concept
 *     annotations, which Post-hoc CBM takes from a separate concept dataset; then the full dataset
 */
public record TrainingInput(Dataset dataset, ConceptEmbeddings concepts, long seed, FloatMatrix classEmbeddings, Dataset conceptDataset) {
  public TrainingInput {
    Objects.requireNonNull(dataset, "dataset");
    if (conceptDataset == null) {
      conceptDataset = dataset;
    } else if (conceptDataset.dim() != dataset.dim()) {
      throw new IllegalArgumentException("the concept dataset '" + conceptDataset.name() + "' is " + conceptDataset.dim()
          + "-d but dataset '" + dataset.name() + "' is " + dataset.dim() + "-d");
    }
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
    this(dataset, concepts, seed, null, null);
  }

  /** An input whose concept annotations come from the dataset itself. */
  public TrainingInput(Dataset dataset, ConceptEmbeddings concepts, long seed, FloatMatrix classEmbeddings) {
    this(dataset, concepts, seed, classEmbeddings, null);
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

  /** The same input over another dataset with the same classes (a re-split); concept annotations follow it. */
  public TrainingInput withDataset(Dataset d) {
    return new TrainingInput(d, concepts, seed, classEmbeddings, null);
  }

  /**
   * The same input over a few-shot subset of its dataset: the class-labelled training items shrink,
   * the concept annotations a concept bank is learned from stay those of the full training split.
   */
  public TrainingInput withFewShotDataset(Dataset subset) {
    return new TrainingInput(subset, concepts, seed, classEmbeddings, conceptDataset);
  }

  /** The same input with another root seed. */
  public TrainingInput withSeed(long s) {
    return new TrainingInput(dataset, concepts, s, classEmbeddings, conceptDataset);
  }
}
