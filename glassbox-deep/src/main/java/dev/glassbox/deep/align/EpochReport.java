package dev.glassbox.deep.align;

import java.util.Map;

/**
 * How one epoch of alignment went. Retrieval accuracies are measured on the held-out pairs: each
 * held-out image brings its first caption, every held-out image and caption is a candidate, and a
 * retrieval is right when the caption describes the image (is among the image's caption ids).
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean contrastive loss over the epoch's steps
 * @param heldOutLoss contrastive loss over all held-out pairs at once (NaN without held-out data)
 * @param imageToText share of held-out images whose most similar caption describes them (is among their captions)
 * @param textToImage share of held-out captions whose most similar image is one they describe (lists their id)
 * @param logitScale {@code 1/τ} at the end of the epoch
 * @param learningRate the learning rate of the epoch's last step
 * @param seconds wall time of the epoch, held-out evaluation included
 * @param metrics further held-out metrics computed by the caller's {@link AlignmentMonitor}
 */
public record EpochReport(
    int epoch, double trainLoss, double heldOutLoss, double imageToText, double textToImage, double logitScale,
    double learningRate, double seconds, Map<String, Double> metrics) {
  public EpochReport {
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }
}
