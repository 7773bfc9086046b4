package dev.glassbox.bottleneck;

import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.RowSource;
import dev.glassbox.math.Standardization;
import dev.glassbox.math.Tensor;
import dev.glassbox.progress.ProgressListener;
import java.util.Map;

/** Fitting projection bottlenecks, and restoring any bottleneck from a manifest. */
public final class Bottlenecks {
  private Bottlenecks() {}

  /** A fitted bottleneck and the training activations it produced (so callers need not recompute them). */
  public record Fitted(ProjectionBottleneck bottleneck, FloatMatrix trainActivations) {}

  /**
   * Builds a projection bottleneck from concept embeddings and fits its data-dependent statistics
   * (the cos³ centre, the standardisation) on {@code trainInputs} only.
   */
  public static Fitted fit(ConceptEmbeddings concepts, RowSource trainInputs, BottleneckConfig config, ProgressListener progress) {
    if (concepts.dim() != trainInputs.cols()) {
      throw new IllegalArgumentException(
          "concept embeddings are " + concepts.dim() + "-d but image embeddings are " + trainInputs.cols()
              + "-d; encode the concepts with the same encoder as the images");
    }
    FloatMatrix dirs = concepts.embeddings();
    float[] centre = null;
    if (config.scoring() == Scoring.COS_CUBED) {
      FloatMatrix cos = new ProjectionBottleneck(dirs, null, Scoring.COSINE, null, null).activate(trainInputs, ProgressListener.NONE);
      centre = Standardization.fit(cos).mean();
    }
    ProjectionBottleneck raw = new ProjectionBottleneck(dirs, null, config.scoring(), centre, null);
    FloatMatrix acts = raw.activate(trainInputs, progress);
    if (!config.standardize()) {
      return new Fitted(raw, acts);
    }
    Standardization st = Standardization.fit(acts);
    st.applyInPlace(acts.data(), 0, acts.rows());
    return new Fitted(new ProjectionBottleneck(dirs, null, config.scoring(), centre, st), acts);
  }

  /** Restores a bottleneck of any kind from its manifest settings and tensors. */
  public static Bottleneck restore(String kind, Map<String, Object> config, Map<String, Tensor> tensors) {
    return switch (kind) {
      case ProjectionBottleneck.KIND -> ProjectionBottleneck.restore(config, tensors);
      case ConceptMatrixBottleneck.KIND -> ConceptMatrixBottleneck.restore(config, tensors);
      case SparseAutoencoderBottleneck.KIND -> SparseAutoencoderBottleneck.restore(config, tensors);
      default -> throw new IllegalArgumentException("unknown bottleneck kind '" + kind + "'; this Glassbox knows: "
          + ProjectionBottleneck.KIND + ", " + ConceptMatrixBottleneck.KIND + ", " + SparseAutoencoderBottleneck.KIND);
    };
  }
}
