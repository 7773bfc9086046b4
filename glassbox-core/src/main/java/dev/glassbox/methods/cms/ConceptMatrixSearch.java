package dev.glassbox.methods.cms;

import dev.glassbox.bottleneck.ConceptMatrixBottleneck;
import dev.glassbox.head.LinearHead;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;

/**
 * Sparse-CBM's training-free Concept Matrix Search (Semenov et al., "Sparse Concept Bottleneck
 * Models: Gumbel Tricks in Contrastive Learning", 2024; methods.md §5). With {@code V} the
 * image × concept cosine matrix and {@code T} the class-name × concept cosine matrix, both with
 * rows normalised to sum to 1:
 * <ul>
 *   <li>{@link Variant#SIMILARITY}: predict {@code argmax_j cos(V_i, T_j)};
 *   <li>{@link Variant#MAX_SCORE}: take the concept {@code c* = argmax_c V_ic}, predict
 *       {@code argmax_j T_jc*}.
 * </ul>
 * Both are concept bottleneck models exactly. The similarity variant is
 * {@link ConceptMatrixBottleneck.Mode#NORMALIZED} activations {@code V_i} and a linear head with
 * rows {@code T_j/‖T_j‖}: its logits {@code V_i·T_j/‖T_j‖ = ‖V_i‖·cos(V_i, T_j)} have the same
 * argmax, since {@code ‖V_i‖} is the same for every class. The max-score variant is
 * {@link ConceptMatrixBottleneck.Mode#ONE_HOT} activations (1 at {@code c*}) and the head
 * {@code T} itself, whose logits are column {@code c*} of {@code T}. Each explanation therefore
 * shows the concepts (or the one concept) that decided the class.
 */
public final class ConceptMatrixSearch {
  /** Which of the two decision rules. */
  public enum Variant {
    /** {@code argmax_j cos(V_i, T_j)}: the paper's main rule. */
    SIMILARITY,
    /** The image's top concept, then the class that scores it highest. */
    MAX_SCORE
  }

  private ConceptMatrixSearch() {}

  /**
   * {@code T [classes × concepts]}: cosines of the class-name embeddings with the concept
   * embeddings, each row divided by the absolute value of its sum (see
   * {@link ConceptMatrixBottleneck} for why the absolute value; rows with a zero sum stay as they are).
   */
  public static FloatMatrix classConceptMatrix(FloatMatrix classEmbeddings, FloatMatrix conceptEmbeddings) {
    if (classEmbeddings.cols() != conceptEmbeddings.cols()) {
      throw new IllegalArgumentException("class embeddings are " + classEmbeddings.cols() + "-d but concept embeddings are "
          + conceptEmbeddings.cols() + "-d; encode class names and concepts with the same text encoder");
    }
    FloatMatrix t = Matrices.cosine(classEmbeddings, conceptEmbeddings);
    int k = t.cols();
    float[] a = t.data();
    for (int j = 0; j < t.rows(); j++) {
      double s = 0;
      for (int c = 0; c < k; c++) {
        s += a[j * k + c];
      }
      if (s != 0) {
        float inv = (float) (1 / Math.abs(s));
        for (int c = 0; c < k; c++) {
          a[j * k + c] *= inv;
        }
      }
    }
    return t;
  }

  /** The bottleneck of {@code variant} over the concept embeddings {@code [K × d]}. */
  public static ConceptMatrixBottleneck bottleneck(FloatMatrix conceptEmbeddings, Variant variant) {
    return new ConceptMatrixBottleneck(conceptEmbeddings,
        variant == Variant.SIMILARITY ? ConceptMatrixBottleneck.Mode.NORMALIZED : ConceptMatrixBottleneck.Mode.ONE_HOT);
  }

  /** The head of {@code variant} from the class × concept matrix {@code T}; biases are 0. */
  public static LinearHead head(FloatMatrix classConcept, Variant variant) {
    FloatMatrix w = variant == Variant.SIMILARITY ? Matrices.normalizeRows(classConcept) : classConcept.copy();
    return new LinearHead(w, new float[classConcept.rows()], null);
  }
}
