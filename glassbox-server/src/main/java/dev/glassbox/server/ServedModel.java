package dev.glassbox.server;

import dev.glassbox.model.ConceptBottleneckModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded, verified model version and what the server precomputes for it so that requests do
 * no per-request setup: name → index maps for concepts and classes, and the head's non-zero weights
 * in compressed rows (class-major) for weight listings and the heat map. Immutable once built; the
 * JSON caches are written at most once per field (a benign race: both writers produce the same bytes).
 */
final class ServedModel {
  final String name;
  final int version;
  final Path dir;
  final ConceptBottleneckModel model;
  final String loadedAt;
  private final Map<String, Integer> conceptIndex;
  private final Map<String, Integer> classIndex;
  /** Row {@code c}'s non-zeros are {@code cols/vals[rowStart[c] .. rowStart[c + 1])}. */
  final int[] rowStart;
  final int[] cols;
  final float[] vals;
  /** Non-zero weights per concept, over all classes. */
  final int[] conceptUse;
  final float maxAbsWeight;
  /**
   * The model restricted to the concepts some class weighs (the others cannot change a logit): the
   * same logits from a fraction of the bottleneck's product when the head is sparse. Predict and
   * explain run on it; {@link #usedConcepts} maps its concept indices back to the model's.
   */
  final ConceptBottleneckModel fast;
  final int[] usedConcepts;
  volatile byte[] conceptsJson;
  volatile byte[] weightsJson;
  volatile Double valAccuracy;

  ServedModel(String name, int version, Path dir, ConceptBottleneckModel model, String loadedAt) {
    this.name = name;
    this.version = version;
    this.dir = dir;
    this.model = model;
    this.loadedAt = loadedAt;
    int k = model.numConcepts();
    int c = model.numClasses();
    conceptIndex = new HashMap<>(k * 2);
    for (int j = 0; j < k; j++) {
      conceptIndex.putIfAbsent(model.concepts().get(j).text(), j);
    }
    classIndex = new HashMap<>(c * 2);
    List<String> classes = model.classNames();
    for (int i = 0; i < c; i++) {
      classIndex.putIfAbsent(classes.get(i), i);
    }
    float[] w = model.head().weight().data();
    int nnz = 0;
    for (float v : w) {
      if (v != 0f) {
        nnz++;
      }
    }
    rowStart = new int[c + 1];
    cols = new int[nnz];
    vals = new float[nnz];
    conceptUse = new int[k];
    float max = 0;
    int p = 0;
    for (int i = 0; i < c; i++) {
      rowStart[i] = p;
      for (int j = 0; j < k; j++) {
        float v = w[i * k + j];
        if (v != 0f) {
          cols[p] = j;
          vals[p] = v;
          conceptUse[j]++;
          max = Math.max(max, Math.abs(v));
          p++;
        }
      }
    }
    rowStart[c] = p;
    maxAbsWeight = max;
    int used = 0;
    for (int j = 0; j < k; j++) {
      if (conceptUse[j] > 0) {
        used++;
      }
    }
    if (used == 0 || used == k) {
      fast = model;
      usedConcepts = null;
    } else {
      usedConcepts = new int[used];
      for (int j = 0, q = 0; j < k; j++) {
        if (conceptUse[j] > 0) {
          usedConcepts[q++] = j;
        }
      }
      var h = model.head();
      fast = new ConceptBottleneckModel(model.classNames(), model.concepts().select(usedConcepts),
          model.bottleneck().selectConcepts(usedConcepts), new dev.glassbox.head.LinearHead(h.weight().selectColumns(usedConcepts),
          h.bias(), h.residual()), model.provenance());
    }
  }

  /** The model's index of concept {@code j} of {@link #fast}. */
  int fullIndex(int j) {
    return usedConcepts == null ? j : usedConcepts[j];
  }

  /** The concept's index, or -1. */
  int conceptIndex(String text) {
    Integer j = conceptIndex.get(text);
    return j == null ? -1 : j;
  }

  /** The class's index, or -1. */
  int classIndex(String className) {
    Integer i = classIndex.get(className);
    return i == null ? -1 : i;
  }

  int nonZeros() {
    return vals.length;
  }
}
