package dev.glassbox.pipeline;

import dev.glassbox.data.Dataset;
import dev.glassbox.encode.ConceptEmbeddings;
import java.util.Objects;

/**
 * What a method trains on.
 *
 * @param dataset labelled embeddings with splits
 * @param concepts the candidate concepts with embeddings from the same encoder, or null for
 *     methods that discover their own (Discover-then-Name) or need none (a linear probe)
 * @param seed the root seed for anything stochastic
 */
public record TrainingInput(Dataset dataset, ConceptEmbeddings concepts, long seed) {
  public TrainingInput {
    Objects.requireNonNull(dataset, "dataset");
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
}
