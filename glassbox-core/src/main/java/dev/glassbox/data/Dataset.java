package dev.glassbox.data;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.RowSource;
import dev.glassbox.util.Hashing;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Labelled embeddings: one row per item, each with an id, a class and a split.
 *
 * @param name a short name for reports
 * @param classNames class names; label {@code c} is {@code classNames.get(c)}; unique
 * @param ids item ids (file names, keys), unique, one per row
 * @param labels class index per item
 * @param splits split per item
 * @param embeddings {@code [numItems × dim]} item embeddings (in memory or memory-mapped)
 * @param groundTruth optional known truth about concepts (synthetic and generated data), or null
 * @param metadata free details (encoder name, source), recorded in provenance
 */
public record Dataset(
    String name,
    List<String> classNames,
    List<String> ids,
    int[] labels,
    Split[] splits,
    RowSource embeddings,
    GroundTruth groundTruth,
    Map<String, String> metadata) {

  public Dataset {
    Objects.requireNonNull(embeddings, "embeddings");
    classNames = List.copyOf(classNames);
    ids = List.copyOf(ids);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    int n = embeddings.rows();
    if (ids.size() != n || labels.length != n || splits.length != n) {
      throw new IllegalArgumentException(
          "dataset '" + name + "' has " + n + " embedding rows but " + ids.size() + " ids, " + labels.length
              + " labels and " + splits.length + " split entries; all must match");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int c = 0; c < classNames.size(); c++) {
      String cn = classNames.get(c);
      // Class names are stored one per line (classes.txt), read back stripped.
      if (cn.isBlank() || !cn.equals(cn.strip()) || cn.indexOf('\n') >= 0 || cn.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("dataset '" + name + "' class " + c + " is named \"" + cn.replace("\n", "\\n").replace("\r", "\\r")
            + "\"; a class name must be non-blank, on one line, without leading or trailing spaces (check the label of its items)");
      }
      Integer prev = seen.put(classNames.get(c), c);
      if (prev != null) {
        throw new IllegalArgumentException("dataset '" + name + "' names class \"" + classNames.get(c) + "\" twice (classes " + prev + " and " + c + ")");
      }
    }
    int[] count = new int[classNames.size()];
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "item '" + ids.get(i) + "' has label " + labels[i] + " but dataset '" + name + "' has " + classNames.size() + " classes");
      }
      Objects.requireNonNull(splits[i], "split of item " + ids.get(i));
      count[labels[i]]++;
    }
    for (int c = 0; c < count.length; c++) {
      if (count[c] == 0) {
        throw new IllegalArgumentException(
            "class \"" + classNames.get(c) + "\" of dataset '" + name + "' has no items; remove it from the class list or add items");
      }
    }
  }

  public int size() {
    return labels.length;
  }

  public int dim() {
    return embeddings.cols();
  }

  public int numClasses() {
    return classNames.size();
  }

  /** Indices of the items in {@code split}, ascending. */
  public int[] indices(Split split) {
    int k = 0;
    for (Split s : splits) {
      if (s == split) {
        k++;
      }
    }
    int[] out = new int[k];
    k = 0;
    for (int i = 0; i < splits.length; i++) {
      if (splits[i] == split) {
        out[k++] = i;
      }
    }
    return out;
  }

  /** The embeddings of the items at {@code indices} (read into memory). */
  public FloatMatrix embeddingsOf(int[] indices) {
    int d = dim();
    float[] out = new float[indices.length * d];
    for (int i = 0; i < indices.length; i++) {
      embeddings.readRows(indices[i], 1, out, i * d);
    }
    return FloatMatrix.wrap(indices.length, d, out);
  }

  public int[] labelsOf(int[] indices) {
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = labels[indices[i]];
    }
    return out;
  }

  /** A dataset with the same items but new splits (for few-shot and re-split protocols). */
  public Dataset withSplits(Split[] newSplits) {
    return new Dataset(name, classNames, ids, labels, newSplits, embeddings, groundTruth, metadata);
  }

  /**
   * The items at {@code rows} (distinct, each in {@code [0, size)}), in that order, with their ids,
   * labels, splits and ground truth; embeddings are read through a view, not copied. Used by the
   * few-shot protocol to drop the training items a run does not see.
   */
  public Dataset subset(int[] rows, String subsetName) {
    boolean[] seen = new boolean[size()];
    for (int r : rows) {
      if (r < 0 || r >= size()) {
        throw new IllegalArgumentException("row " + r + " is out of range; dataset '" + name + "' has " + size() + " items");
      }
      if (seen[r]) {
        throw new IllegalArgumentException("row " + r + " (item '" + ids.get(r) + "') is listed twice in a subset of dataset '" + name + "'");
      }
      seen[r] = true;
    }
    List<String> subIds = new ArrayList<>(rows.length);
    int[] subLabels = new int[rows.length];
    Split[] subSplits = new Split[rows.length];
    for (int i = 0; i < rows.length; i++) {
      subIds.add(ids.get(rows[i]));
      subLabels[i] = labels[rows[i]];
      subSplits[i] = splits[rows[i]];
    }
    GroundTruth gt = groundTruth == null ? null
        : new GroundTruth(groundTruth.classConcepts(),
            groundTruth.itemConcepts() == null ? null : groundTruth.itemConcepts().selectRows(rows), groundTruth.visual());
    return new Dataset(subsetName, classNames, subIds, subLabels, subSplits, new RowSubset(embeddings, rows.clone()), gt, metadata);
  }

  /** The class index of {@code className}, or -1. */
  public int classIndex(String className) {
    return classNames.indexOf(className);
  }

  /**
   * SHA-256 over the class names, item ids, labels, splits and embedding values: two datasets with
   * the same fingerprint train the same model.
   */
  public String fingerprint() {
    MessageDigest md = Hashing.sha256();
    Hashing.update(md, classNames.size());
    classNames.forEach(c -> Hashing.update(md, c));
    Hashing.update(md, size());
    for (int i = 0; i < size(); i++) {
      Hashing.update(md, ids.get(i));
      Hashing.update(md, labels[i]);
      Hashing.update(md, splits[i].code());
    }
    int d = dim();
    Hashing.update(md, d);
    int block = Math.max(1, (1 << 20) / Math.max(1, d));
    float[] buf = new float[block * d];
    for (int s = 0; s < size(); s += block) {
      int n = Math.min(block, size() - s);
      embeddings.readRows(s, n, buf, 0);
      Hashing.update(md, buf, 0, n * d);
    }
    return Hashing.hex(md.digest());
  }

  /** Item count per class and split, for reports. */
  public List<int[]> countsPerClass() {
    List<int[]> out = new ArrayList<>();
    for (int c = 0; c < numClasses(); c++) {
      out.add(new int[3]);
    }
    for (int i = 0; i < size(); i++) {
      out.get(labels[i])[splits[i].ordinal()]++;
    }
    return out;
  }
}
