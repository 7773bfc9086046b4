package dev.glassbox.data;

import dev.glassbox.math.FloatMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * What is known to be true about a generated dataset: which concepts each class really has and,
 * where known, which concepts each item shows. Lets metrics be exact (true-concept recovery,
 * concept-detection quality).
 *
 * @param classConcepts for each class, the indices (into the dataset's concept set) of its true
 *     concepts, ascending
 * @param itemConcepts optional {@code [numItems × numConcepts]} 0/1 presence per item, or null
 * @param visual optional per-concept flag: true when the concept can be seen in an image, or null
 */
public record GroundTruth(List<int[]> classConcepts, FloatMatrix itemConcepts, boolean[] visual) {
  public GroundTruth {
    classConcepts = classConcepts.stream().map(a -> {
      int[] s = a.clone();
      Arrays.sort(s);
      return s;
    }).toList();
  }

  public int numClasses() {
    return classConcepts.size();
  }

  /**
   * How many concepts the indices refer to (the dataset's concept set), from the item-level
   * presence or the visual flags; −1 when neither is recorded.
   */
  public int numConcepts() {
    return itemConcepts != null ? itemConcepts.cols() : visual != null ? visual.length : -1;
  }

  /** True when concept {@code k} is one of class {@code c}'s true concepts. */
  public boolean isTrue(int c, int k) {
    return Arrays.binarySearch(classConcepts.get(c), k) >= 0;
  }
}
