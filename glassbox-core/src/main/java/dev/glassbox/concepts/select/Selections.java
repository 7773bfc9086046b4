package dev.glassbox.concepts.select;

import dev.glassbox.util.Configs;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Shared plumbing of the selectors: budgets per group, child random streams, and the union of picks. */
final class Selections {
  private Selections() {}

  /** Runs {@code perGroup} over each class's ground set (or the whole pool) and unions the picks. */
  static ConceptSelection run(SelectionInput input, Budget budget, long seed, String selector, Record config, GroupPicker perGroup) {
    SplittableRandom root = new SplittableRandom(seed);
    List<GroupSelection> groups;
    if (budget.isPerClass()) {
      int k = budget.perClassCount(input.numClasses());
      GroupSelection[] out = new GroupSelection[input.numClasses()];
      for (int y = 0; y < input.numClasses(); y++) {
        // One child stream per class, split in class order whether or not the class needs it, so
        // a class's draws do not depend on the other classes' sizes.
        SplittableRandom child = root.split();
        int[] ground = input.groundSet(y);
        out[y] = perGroup.pick(input.classNames().get(y), y, ground, k, child);
      }
      groups = List.of(out);
    } else {
      int[] all = new int[input.numCandidates()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      groups = List.of(perGroup.pick(GroupSelection.ALL, -1, all, budget.count(), root.split()));
    }
    boolean[] chosen = new boolean[input.numCandidates()];
    for (GroupSelection g : groups) {
      for (int i : g.picked()) {
        chosen[i] = true;
      }
    }
    int count = 0;
    for (boolean b : chosen) {
      count += b ? 1 : 0;
    }
    int[] indices = new int[count];
    count = 0;
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i]) {
        indices[count++] = i;
      }
    }
    return new ConceptSelection(input.candidates().select(indices), indices, groups, selector, Configs.toMap(config));
  }

  /** The first {@code k} entries of {@code order}, or all when there are at most {@code k}. */
  static int[] firstK(int[] order, int k) {
    return Arrays.copyOf(order, Math.min(k, order.length));
  }

  /** Picks within one group. */
  @FunctionalInterface
  interface GroupPicker {
    /**
     * @param y the class index, or -1 for a global budget
     * @param ground the candidate indices to pick from (may be empty)
     */
    GroupSelection pick(String group, int y, int[] ground, int k, SplittableRandom random);
  }

  /**
   * {@code ground} sorted by {@code score[candidate]} descending, ties by candidate index ascending;
   * a primitive merge sort, so no boxing.
   */
  static int[] rankDescending(int[] ground, double[] score) {
    int[] idx = ground.clone();
    mergeSort(idx, new int[idx.length], 0, idx.length, score);
    return idx;
  }

  private static void mergeSort(int[] a, int[] tmp, int lo, int hi, double[] score) {
    if (hi - lo < 2) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(a, tmp, lo, mid, score);
    mergeSort(a, tmp, mid, hi, score);
    int i = lo;
    int j = mid;
    int o = lo;
    while (i < mid && j < hi) {
      if (before(a[j], a[i], score)) {
        tmp[o++] = a[j++];
      } else {
        tmp[o++] = a[i++];
      }
    }
    while (i < mid) {
      tmp[o++] = a[i++];
    }
    while (j < hi) {
      tmp[o++] = a[j++];
    }
    System.arraycopy(tmp, lo, a, lo, hi - lo);
  }

  private static boolean before(int a, int b, double[] score) {
    return score[a] > score[b] || (score[a] == score[b] && a < b);
  }
}
