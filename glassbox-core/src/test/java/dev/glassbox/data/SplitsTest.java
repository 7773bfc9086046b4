package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.math.FloatMatrix;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitsTest {
  @Test
  void stratifiedSplitKeepsClassProportionsAndIsSeeded() {
    int[] y = new int[1000];
    for (int i = 0; i < y.length; i++) {
      y[i] = i < 800 ? 0 : 1;
    }
    Split[] s = Splits.stratified(y, 2, 0.1, 0.2, 42);
    int[][] count = new int[2][3];
    for (int i = 0; i < y.length; i++) {
      count[y[i]][s[i].ordinal()]++;
    }
    assertThat(count[0]).containsExactly(560, 80, 160);
    assertThat(count[1]).containsExactly(140, 20, 40);
    assertThat(Splits.stratified(y, 2, 0.1, 0.2, 42)).containsExactly(s);
    assertThat(Splits.stratified(y, 2, 0.1, 0.2, 43)).isNotEqualTo(s);
  }

  @Test
  void tinyClassesKeepATrainingItem() {
    Split[] s = Splits.stratified(new int[] {0, 1, 1}, 2, 0.4, 0.4, 1);
    assertThat(s[0]).isEqualTo(Split.TRAIN);
  }

  @Test
  void fewShotKeepsAtMostKPerClass() {
    int[] y = {0, 0, 0, 0, 1, 1, 1};
    Split[] s = new Split[7];
    java.util.Arrays.fill(s, Split.TRAIN);
    int[] kept = Splits.fewShot(y, s, 2, 2, 5);
    assertThat(kept).hasSize(4);
    assertThat(Splits.fewShot(y, s, 2, 2, 5)).containsExactly(kept);
  }

  @Test
  void datasetRejectsAClassWithNoItemsAndDuplicateClasses() {
    FloatMatrix x = FloatMatrix.zeros(2, 3);
    assertThatThrownBy(() -> new Dataset("d", List.of("a", "b", "c"), List.of("i0", "i1"), new int[] {0, 1},
        new Split[] {Split.TRAIN, Split.TRAIN}, x, null, Map.of()))
        .hasMessageContaining("class \"c\" of dataset 'd' has no items");
    assertThatThrownBy(() -> new Dataset("d", List.of("a", "a"), List.of("i0", "i1"), new int[] {0, 1},
        new Split[] {Split.TRAIN, Split.TRAIN}, x, null, Map.of()))
        .hasMessageContaining("names class \"a\" twice");
    for (String bad : new String[] {"ca\nt", " cat", "cat\r", "  "}) {
      assertThatThrownBy(() -> new Dataset("d", List.of("a", bad), List.of("i0", "i1"), new int[] {0, 1},
          new Split[] {Split.TRAIN, Split.TRAIN}, x, null, Map.of()))
          .as("%s", bad).hasMessageContaining("dataset 'd' class 1 is named").hasMessageContaining("on one line");
    }
  }

  @Test
  void fingerprintChangesWithAnyEmbeddingValue() {
    FloatMatrix x = FloatMatrix.zeros(2, 3);
    Dataset d = new Dataset("d", List.of("a"), List.of("i0", "i1"), new int[] {0, 0}, new Split[] {Split.TRAIN, Split.TEST}, x, null, Map.of());
    String f = d.fingerprint();
    FloatMatrix x2 = x.copy();
    x2.set(1, 2, 1e-7f);
    Dataset d2 = new Dataset("d", List.of("a"), List.of("i0", "i1"), new int[] {0, 0}, new Split[] {Split.TRAIN, Split.TEST}, x2, null, Collections.emptyMap());
    assertThat(d2.fingerprint()).isNotEqualTo(f);
    assertThat(d.fingerprint()).isEqualTo(f);
  }
}
