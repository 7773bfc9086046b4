package dev.glassbox.methods.pcbm;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.GroundTruth;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The example embeddings that define one concept for a concept activation vector: images that show
 * it and images that do not (Post-hoc CBM's "concept dataset"; the CAVs of Kim et al. 2018). The
 * examples are rows of a pool shared by many concepts (a dataset's embeddings), so a bank of
 * hundreds of concepts over one dataset holds the embeddings once.
 *
 * @param concept the concept's text
 * @param pool {@code [poolSize × dim]} embeddings the rows index
 * @param positives rows of {@code pool} showing the concept
 * @param negatives rows of {@code pool} not showing it
 */
public record ConceptExamples(String concept, FloatMatrix pool, int[] positives, int[] negatives) {
  public ConceptExamples {
    Objects.requireNonNull(concept, "concept");
    Objects.requireNonNull(pool, "pool");
    for (int[] side : new int[][] {positives, negatives}) {
      for (int r : side) {
        if (r < 0 || r >= pool.rows()) {
          throw new IllegalArgumentException("concept \"" + concept + "\" names example row " + r + " of a pool of " + pool.rows());
        }
      }
    }
  }

  /** Examples given as two separate matrices ({@code [n × dim]} each). */
  public static ConceptExamples of(String concept, FloatMatrix positives, FloatMatrix negatives) {
    if (positives.cols() != negatives.cols()) {
      throw new IllegalArgumentException("concept \"" + concept + "\" has " + positives.cols() + "-d positive but " + negatives.cols()
          + "-d negative examples; embed both with the same encoder");
    }
    int p = positives.rows();
    int n = negatives.rows();
    float[] all = new float[(p + n) * positives.cols()];
    System.arraycopy(positives.data(), 0, all, 0, positives.data().length);
    System.arraycopy(negatives.data(), 0, all, positives.data().length, negatives.data().length);
    int[] pi = new int[p];
    int[] ni = new int[n];
    for (int i = 0; i < p; i++) {
      pi[i] = i;
    }
    for (int i = 0; i < n; i++) {
      ni[i] = p + i;
    }
    return new ConceptExamples(concept, FloatMatrix.wrap(p + n, positives.cols(), all), pi, ni);
  }

  public int dim() {
    return pool.cols();
  }

  /**
   * Examples from a dataset's per-item ground truth ({@link GroundTruth#itemConcepts()}): for each
   * concept, the given items that show it are positives and the others negatives, as Post-hoc CBM
   * derives CUB's attribute CAVs from its per-image attribute labels.
   *
   * @param concepts the dataset's concept set, whose order the ground truth's columns follow
   * @param items the dataset rows to draw examples from (usually the training split)
   */
  public static List<ConceptExamples> fromGroundTruth(Dataset d, ConceptSet concepts, int[] items) {
    GroundTruth gt = d.groundTruth();
    if (gt == null || gt.itemConcepts() == null) {
      throw new IllegalArgumentException("dataset '" + d.name() + "' has no per-item concept ground truth to derive concept examples from; "
          + "give a concept-examples file or use the text concept bank");
    }
    FloatMatrix presence = gt.itemConcepts();
    if (presence.cols() != concepts.size()) {
      throw new IllegalArgumentException("dataset '" + d.name() + "' ground truth covers " + presence.cols() + " concepts but its concept set has "
          + concepts.size());
    }
    FloatMatrix pool = d.embeddingsOf(items);
    List<ConceptExamples> out = new ArrayList<>(concepts.size());
    int k = concepts.size();
    for (int j = 0; j < k; j++) {
      int np = 0;
      for (int item : items) {
        if (presence.get(item, j) > 0.5f) {
          np++;
        }
      }
      int[] pos = new int[np];
      int[] neg = new int[items.length - np];
      int a = 0;
      int b = 0;
      for (int r = 0; r < items.length; r++) {
        if (presence.get(items[r], j) > 0.5f) {
          pos[a++] = r;
        } else {
          neg[b++] = r;
        }
      }
      out.add(new ConceptExamples(concepts.get(j).text(), pool, pos, neg));
    }
    return out;
  }
}
