package dev.glassbox.compare;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.data.Splits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The few-shot protocol of LaBo and CoOp (methods.md §1): for each shot count ({@code 1, 2, 4, 8,
 * 16, all}) and each of several seeds, a run trains on that many training items per class, drawn
 * by the seed, and is evaluated on the full validation and test splits; results are reported as
 * mean ± std over the seeds.
 *
 * <p>Seeds: repetition {@code r} uses the {@code r}-th child of {@code rootSeed} (split in order),
 * for drawing its items and as the method's training seed. Items are drawn per class by
 * {@link Splits#fewShot}, which shuffles each class once per seed, so with the same seed a smaller
 * shot count's items are a subset of a larger one's. LaBo ships fixed split files instead; the
 * splits here are written beside the results ({@link FewShotSplit#toJson}) for the same purpose.
 */
public final class FewShotProtocol {
  private FewShotProtocol() {}

  /** The seed of repetition {@code index}: the {@code index}-th child of {@code rootSeed}. */
  public static long seedOf(long rootSeed, int index) {
    SplittableRandom root = new SplittableRandom(rootSeed);
    long s = 0;
    for (int i = 0; i <= index; i++) {
      s = root.split().nextLong();
    }
    return s;
  }

  /**
   * Every split of the protocol, shot counts outermost.
   *
   * @throws IllegalArgumentException naming the class when some class has fewer training items than
   *     a shot count asks for
   */
  public static List<FewShotSplit> splits(Dataset d, List<Shots> shots, int seeds, long rootSeed) {
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be ≥ 1, got " + seeds);
    }
    if (shots.isEmpty()) {
      throw new IllegalArgumentException("no shot counts given; use e.g. 1,2,4,8,16,all");
    }
    int[] perClass = new int[d.numClasses()];
    for (int i = 0; i < d.size(); i++) {
      if (d.splits()[i] == Split.TRAIN) {
        perClass[d.labels()[i]]++;
      }
    }
    int fewest = Integer.MAX_VALUE;
    int fewestClass = 0;
    for (int c = 0; c < perClass.length; c++) {
      if (perClass[c] < fewest) {
        fewest = perClass[c];
        fewestClass = c;
      }
    }
    for (Shots s : shots) {
      if (!s.isAll() && s.perClass() > fewest) {
        throw new IllegalArgumentException("shots " + s.label() + " needs " + s.perClass() + " training items in every class, but class \""
            + d.classNames().get(fewestClass) + "\" of dataset '" + d.name() + "' has " + fewest + "; use shot counts ≤ " + fewest + " or all");
      }
    }
    if (fewest == 0) {
      throw new IllegalArgumentException("class \"" + d.classNames().get(fewestClass) + "\" of dataset '" + d.name()
          + "' has no training items; every class needs at least one");
    }
    long[] seedValues = new long[seeds];
    for (int r = 0; r < seeds; r++) {
      seedValues[r] = seedOf(rootSeed, r);
    }
    int[] allTrain = d.indices(Split.TRAIN);
    List<FewShotSplit> out = new ArrayList<>();
    for (Shots s : shots) {
      for (int r = 0; r < seeds; r++) {
        int[] rows = s.isAll() ? allTrain : Splits.fewShot(d.labels(), d.splits(), d.numClasses(), s.perClass(), seedValues[r]);
        out.add(new FewShotSplit(s, r, seedValues[r], rows, idsOf(d, rows)));
      }
    }
    return out;
  }

  /** The dataset a run of {@code split} trains and is evaluated on: its training items plus every validation and test item. */
  public static Dataset apply(Dataset d, FewShotSplit split) {
    for (int r : split.trainRows()) {
      if (r < 0 || r >= d.size() || d.splits()[r] != Split.TRAIN) {
        throw new IllegalArgumentException("few-shot split " + split.fileName() + " lists row " + r + ", which is not a training item of dataset '"
            + d.name() + "'");
      }
    }
    int[] rest = d.indices(Split.VALIDATION);
    int[] test = d.indices(Split.TEST);
    int[] rows = new int[split.trainRows().length + rest.length + test.length];
    System.arraycopy(split.trainRows(), 0, rows, 0, split.trainRows().length);
    System.arraycopy(rest, 0, rows, split.trainRows().length, rest.length);
    System.arraycopy(test, 0, rows, split.trainRows().length + rest.length, test.length);
    Arrays.sort(rows);
    return d.subset(rows, d.name() + " (" + split.shots().label() + "-shot, seed " + split.seedIndex() + ")");
  }

  /**
   * A split read back from its JSON form, matched to {@code d} by item id.
   *
   * @throws IllegalArgumentException when the split names an item the dataset lacks or that is not a training item
   */
  public static FewShotSplit fromIds(Dataset d, Shots shots, int seedIndex, long seed, List<String> ids) {
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < d.size(); i++) {
      row.put(d.ids().get(i), i);
    }
    int[] rows = new int[ids.size()];
    for (int i = 0; i < rows.length; i++) {
      Integer r = row.get(ids.get(i));
      if (r == null) {
        throw new IllegalArgumentException("the few-shot split names item '" + ids.get(i) + "', which dataset '" + d.name() + "' does not have");
      }
      if (d.splits()[r] != Split.TRAIN) {
        throw new IllegalArgumentException("the few-shot split names item '" + ids.get(i) + "', which is a " + d.splits()[r].code()
            + " item of dataset '" + d.name() + "', not a training item");
      }
      rows[i] = r;
    }
    int[] sorted = rows.clone();
    Arrays.sort(sorted);
    return new FewShotSplit(shots, seedIndex, seed, sorted, idsOf(d, sorted));
  }

  private static List<String> idsOf(Dataset d, int[] rows) {
    List<String> out = new ArrayList<>(rows.length);
    for (int r : rows) {
      out.add(d.ids().get(r));
    }
    return out;
  }
}
