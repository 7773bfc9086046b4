package dev.glassbox.io;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.data.Splits;
import dev.glassbox.math.RowSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns embeddings computed elsewhere, with their labels and ids, into a {@link Dataset}, checking
 * everything a user can get wrong: row counts that differ between files, non-finite values (named
 * by row and item), labels missing from the class list, label indices out of range, and duplicate
 * ids. Every message names the file the bad value came from.
 */
public final class EmbeddingImport {
  private EmbeddingImport() {}

  /**
   * Where each part of an import came from, for messages.
   *
   * @param embeddings the embeddings file (and tensor or column)
   * @param labels the labels file or column
   * @param ids the ids file or column, or null when ids are generated
   */
  public record Sources(String embeddings, String labels, String ids) {}

  /**
   * Builds the dataset.
   *
   * @param embeddings {@code [items × dim]}
   * @param ids one id per row, or null for {@code item_000000, item_000001, …}
   * @param labels one label per row: a class name, or (when {@code labelsAreIndices}) a class index
   *     into {@code classes} written in decimal
   * @param classes the class list in label order, or null to use the sorted distinct labels (numeric
   *     order for indices)
   * @param splits one split per row, or null to draw stratified splits from {@code seed}
   */
  public static Dataset build(String name, RowSource embeddings, List<String> ids, List<String> labels, boolean labelsAreIndices,
      List<String> classes, List<Split> splits, double valFraction, double testFraction, long seed, Sources sources,
      Map<String, String> metadata) {
    int n = embeddings.rows();
    if (n == 0) {
      throw new IllegalArgumentException(sources.embeddings() + " holds no rows");
    }
    if (labels.size() != n) {
      throw new IllegalArgumentException(sources.labels() + " gives " + labels.size() + " labels but " + sources.embeddings() + " has "
          + n + " rows; they must match row for row");
    }
    if (ids != null && ids.size() != n) {
      throw new IllegalArgumentException(sources.ids() + " gives " + ids.size() + " ids but " + sources.embeddings() + " has " + n
          + " rows; they must match row for row");
    }
    if (splits != null && splits.size() != n) {
      throw new IllegalArgumentException("the splits give " + splits.size() + " entries but " + sources.embeddings() + " has " + n + " rows");
    }
    List<String> itemIds = ids;
    if (itemIds == null) {
      itemIds = new ArrayList<>(n);
      int width = Math.max(6, Integer.toString(n - 1).length());
      for (int i = 0; i < n; i++) {
        itemIds.add("item_" + String.format("%0" + width + "d", i));
      }
    } else {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String id = itemIds.get(i);
        if (id == null || id.isEmpty()) {
          throw new IllegalArgumentException(sources.ids() + " row " + i + " has an empty id");
        }
        Integer prev = seen.put(id, i);
        if (prev != null) {
          throw new IllegalArgumentException(sources.ids() + " row " + i + ": id '" + id + "' already appears on row " + prev
              + "; ids must be unique");
        }
      }
    }
    List<String> classList = classes;
    if (labelsAreIndices) {
      List<String> names = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long c;
        try {
          c = Long.parseLong(labels.get(i));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(sources.labels() + " row " + i + " (item '" + itemIds.get(i) + "'): label '" + labels.get(i)
              + "' is not a class index");
        }
        if (classes != null && (c < 0 || c >= classes.size())) {
          throw new IllegalArgumentException(sources.labels() + " row " + i + " (item '" + itemIds.get(i) + "'): label index " + c
              + " is outside the " + classes.size() + " classes of the class list [0, " + classes.size() + ")");
        }
        if (classes == null && c < 0) {
          throw new IllegalArgumentException(sources.labels() + " row " + i + " (item '" + itemIds.get(i) + "'): label index " + c
              + " is negative");
        }
        names.add(classes != null ? classes.get((int) c) : Long.toString(c));
      }
      if (classList == null) {
        TreeSet<Long> distinct = new TreeSet<>();
        names.forEach(s -> distinct.add(Long.parseLong(s)));
        classList = new ArrayList<>();
        for (long c : distinct) {
          classList.add(Long.toString(c));
        }
      }
      labels = names;
    } else if (classList == null) {
      classList = new ArrayList<>(new TreeSet<>(labels));
    }
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < classList.size(); c++) {
      index.put(classList.get(c), c);
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      Integer c = index.get(labels.get(i));
      if (c == null) {
        throw new IllegalArgumentException(sources.labels() + " row " + i + " (item '" + itemIds.get(i) + "'): label \"" + labels.get(i)
            + "\" is not in the class list; add it to the class list or fix the label");
      }
      y[i] = c;
    }
    checkFinite(embeddings, itemIds, sources.embeddings());
    Split[] s;
    Map<String, String> meta = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
    if (splits != null) {
      s = splits.toArray(new Split[0]);
      meta.put("splits", "given");
    } else {
      s = Splits.stratified(y, classList.size(), valFraction, testFraction, seed);
      meta.put("splits", "stratified: val " + valFraction + ", test " + testFraction + ", seed " + seed);
    }
    return new Dataset(name, classList, itemIds, y, s, embeddings, null, meta);
  }

  private static void checkFinite(RowSource emb, List<String> ids, String source) {
    int d = emb.cols();
    int block = Math.max(1, (1 << 20) / Math.max(1, d));
    float[] buf = new float[Math.min(block, emb.rows()) * d];
    for (int s = 0; s < emb.rows(); s += block) {
      int n = Math.min(block, emb.rows() - s);
      emb.readRows(s, n, buf, 0);
      for (int i = 0; i < n * d; i++) {
        if (!Float.isFinite(buf[i])) {
          int row = s + i / d;
          throw new IllegalArgumentException(source + " row " + row + " (item '" + ids.get(row) + "') holds " + buf[i] + " at dimension "
              + (i % d) + "; embeddings must be finite");
        }
      }
    }
  }
}
