package dev.glassbox.concepts.filter;

import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.RowSource;
import java.util.List;

/** Shared checks and plumbing of the filters. */
final class Filters {
  private Filters() {}

  static void requireCandidates(ConceptEmbeddings candidates, String filter) {
    if (candidates == null) {
      throw new IllegalArgumentException("candidates: the " + filter + " filter was given no candidates (null)");
    }
    if (candidates.concepts().size() == 0) {
      throw new IllegalArgumentException(
          "candidates: the " + filter + " filter was given no candidate concepts; generate or load candidates first");
    }
  }

  /** Unit-length rows; a zero row is an error naming the concept. */
  static FloatMatrix unitRows(ConceptEmbeddings candidates, String filter) {
    float[] norms = Matrices.rowNorms(candidates.embeddings());
    for (int i = 0; i < norms.length; i++) {
      if (norms[i] == 0f) {
        throw new IllegalArgumentException(
            "candidates: the embedding of \"" + candidates.concepts().get(i).text() + "\" is all zeros, so the " + filter
                + " filter cannot compare its direction; re-encode it");
      }
    }
    return Matrices.normalizeRows(candidates.embeddings());
  }

  static RowSource requireImages(ConceptEmbeddings candidates, FilterContext context, String filter) {
    RowSource images = context == null ? null : context.trainingImages();
    if (images == null) {
      throw new IllegalArgumentException(
          "trainingImages: the " + filter + " filter scores concepts on training images, but the filter context has none; "
              + "add them with FilterContext.withTrainingImages");
    }
    if (images.rows() == 0) {
      throw new IllegalArgumentException("trainingImages: the " + filter + " filter was given 0 training images");
    }
    if (images.cols() != candidates.dim()) {
      throw new IllegalArgumentException(
          "trainingImages: the image embeddings are " + images.cols() + "-d but the candidate concept embeddings are "
              + candidates.dim() + "-d; encode images and concepts with the same vision–language encoder");
    }
    return images;
  }

  /** Reads image rows {@code [start, start + count)} into {@code buf}, normalised; a non-finite value is an error naming the image. */
  static void readUnitImages(RowSource images, int start, int count, float[] buf) {
    int d = images.cols();
    images.readRows(start, count, buf, 0);
    for (int r = 0; r < count; r++) {
      int base = r * d;
      for (int j = 0; j < d; j++) {
        if (!Float.isFinite(buf[base + j])) {
          throw new IllegalArgumentException(
              "trainingImages: image embedding " + (start + r) + " holds a non-finite value " + buf[base + j] + " at dimension " + j
                  + "; re-encode that image");
        }
      }
    }
    Matrices.normalizeRowsInPlace(buf, count, d);
  }

  /** The result of keeping the candidates not marked in {@code drop}, with the drop records in {@code dropped}. */
  static FilterResult result(String filter, ConceptEmbeddings candidates, boolean[] drop, List<DroppedConcept> dropped) {
    int kept = 0;
    for (boolean b : drop) {
      kept += b ? 0 : 1;
    }
    int[] idx = new int[kept];
    kept = 0;
    for (int i = 0; i < drop.length; i++) {
      if (!drop[i]) {
        idx[kept++] = i;
      }
    }
    return new FilterResult(candidates.select(idx), new FilterReport(List.of(filter), drop.length, kept, dropped));
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }

  static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
