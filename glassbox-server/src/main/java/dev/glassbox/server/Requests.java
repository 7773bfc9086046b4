package dev.glassbox.server;

import java.util.List;
import java.util.Map;

/** The parsed, transport-neutral forms of the API's requests. */
final class Requests {
  private Requests() {}

  /** What to classify: an embedding, or image bytes to decode and embed with the model's encoder. */
  sealed interface Input permits EmbeddingInput, ImageInput {}

  /** A precomputed embedding, already checked to be finite. */
  record EmbeddingInput(float[] values) implements Input {}

  /** Image file bytes (any format {@code ImageDecoder} reads), named {@code source} in errors. */
  record ImageInput(byte[] bytes, String source) implements Input {}

  /**
   * A prediction or an explanation.
   *
   * @param top classes to list and (for predict) contributions to list, ≥ 1
   * @param explainClass the class whose logit an explanation breaks down, or null for the predicted one
   * @param returnEmbedding include the input's embedding in the response (so a client can intervene
   *     on an image without sending it again)
   */
  record Inference(String model, Integer version, Input input, int top, String explainClass, boolean returnEmbedding) {}

  /** Concept interventions: {@code set} values and {@code zero}ed concepts, by concept text. */
  record Intervene(String model, Integer version, Input input, Map<String, Float> set, List<String> zero, int top,
      boolean returnEmbedding) {}

  /** Global edits saved as a new version: zero, remove or re-weight concepts, for one class or all. */
  /** @param baseVersion the version the edits must apply to (409 when the model has moved on), or null for the latest */
  record Edit(String model, List<String> zero, List<String> remove, Map<String, Double> reweight, String className, Integer baseVersion) {}
}
