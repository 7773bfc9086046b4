package dev.glassbox.encode;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.math.FloatMatrix;
import java.util.Objects;

/**
 * A concept set with one embedding per concept, row {@code k} for concept {@code k}.
 *
 * @param concepts the concepts
 * @param embeddings {@code [numConcepts × dim]}
 * @param encoder the encoder that produced the embeddings, or null when unknown
 */
public record ConceptEmbeddings(ConceptSet concepts, FloatMatrix embeddings, EncoderIdentity encoder) {
  public ConceptEmbeddings {
    Objects.requireNonNull(concepts, "concepts");
    Objects.requireNonNull(embeddings, "embeddings");
    if (embeddings.rows() != concepts.size()) {
      throw new IllegalArgumentException(
          "the concept set has " + concepts.size() + " concepts but its embeddings have " + embeddings.rows() + " rows; they must match");
    }
    long bad = embeddings.firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "concept embedding of \"" + concepts.get((int) (bad / embeddings.cols())).text() + "\" holds a non-finite value "
              + embeddings.data()[(int) bad] + " at dimension " + (bad % embeddings.cols()));
    }
  }

  public int dim() {
    return embeddings.cols();
  }

  /** The concepts at {@code indices} with their embeddings. */
  public ConceptEmbeddings select(int[] indices) {
    return new ConceptEmbeddings(concepts.select(indices), embeddings.selectRows(indices), encoder);
  }
}
