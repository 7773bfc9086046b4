package dev.glassbox.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded, stratified train/validation/test assignment. */
public final class Splits {
  private Splits() {}

  /**
   * Assigns each item to a split so that every class keeps its proportions: within each class the
   * items are shuffled by a child stream of {@code seed} (split per class in class order), the
   * first {@code round(n·testFraction)} go to test, the next {@code round(n·valFraction)} to
   * validation and the rest to training. A class keeps at least one training item.
   *
   * @param labels class index per item, in {@code [0, numClasses)}
   * @param valFraction share of each class for validation, in [0, 1)
   * @param testFraction share of each class for test, in [0, 1); together with valFraction below 1
   */
  public static Split[] stratified(int[] labels, int numClasses, double valFraction, double testFraction, long seed) {
    if (valFraction < 0 || testFraction < 0 || valFraction + testFraction >= 1) {
      throw new IllegalArgumentException(
          "validation and test fractions must be ≥ 0 and sum below 1, got " + valFraction + " and " + testFraction);
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    Split[] out = new Split[labels.length];
    SplittableRandom root = new SplittableRandom(seed);
    for (int c = 0; c < numClasses; c++) {
      SplittableRandom rnd = root.split();
      List<Integer> items = byClass.get(c);
      int n = items.size();
      int[] idx = items.stream().mapToInt(Integer::intValue).toArray();
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      int nTest = (int) Math.round(n * testFraction);
      int nVal = (int) Math.round(n * valFraction);
      while (n > 0 && nTest + nVal >= n) {
        if (nVal > 0) {
          nVal--;
        } else {
          nTest--;
        }
      }
      for (int i = 0; i < n; i++) {
        out[idx[i]] = i < nTest ? Split.TEST : i < nTest + nVal ? Split.VALIDATION : Split.TRAIN;
      }
    }
    return out;
  }

  /**
   * Keeps {@code shots} training items per class (all when a class has fewer), chosen by a child
   * stream of {@code seed} per class; returns the kept training indices in ascending order. Used by
   * the few-shot protocol; validation and test items are untouched.
   */
  public static int[] fewShot(int[] labels, Split[] splits, int numClasses, int shots, long seed) {
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      if (splits[i] == Split.TRAIN) {
        byClass.get(labels[i]).add(i);
      }
    }
    SplittableRandom root = new SplittableRandom(seed);
    List<Integer> kept = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      SplittableRandom rnd = root.split();
      List<Integer> items = new ArrayList<>(byClass.get(c));
      for (int i = items.size() - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        Integer t = items.get(i);
        items.set(i, items.get(j));
        items.set(j, t);
      }
      kept.addAll(items.subList(0, Math.min(shots, items.size())));
    }
    return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
