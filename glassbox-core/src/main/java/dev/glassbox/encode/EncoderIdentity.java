package dev.glassbox.encode;

/**
 * Which encoder produced a set of embeddings: recorded in every dataset and model so that concept
 * and image embeddings from different encoders are never mixed silently.
 *
 * @param name a readable name ("all-MiniLM-L6-v2-q", "clip-vit-b16", "glassbox-world-image-v1")
 * @param sha256 SHA-256 of the weights file(s), or "" when unknown (precomputed embeddings)
 * @param dim the embedding dimension
 */
public record EncoderIdentity(String name, String sha256, int dim) {
  public EncoderIdentity {
    name = name == null ? "unknown" : name;
    sha256 = sha256 == null ? "" : sha256;
  }

  /** Throws a clear error when {@code other} embeddings cannot be compared with this encoder's. */
  public void requireCompatible(EncoderIdentity other, String what) {
    if (other.dim != dim) {
      throw new IllegalArgumentException(
          what + " are " + other.dim + "-d (encoder '" + other.name + "') but the encoder '" + name + "' gives " + dim
              + "-d; encode both with the same encoder");
    }
  }
}
