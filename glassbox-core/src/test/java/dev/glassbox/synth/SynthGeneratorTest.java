package dev.glassbox.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SynthGeneratorTest {
  @Test
  void sameSeedGivesTheSameData() {
    SynthData a = SynthGenerator.generate(SynthConfig.of(5, 30, 300, 16, 3));
    SynthData b = SynthGenerator.generate(SynthConfig.of(5, 30, 300, 16, 3));
    assertThat(a.dataset().fingerprint()).isEqualTo(b.dataset().fingerprint());
    assertThat(a.concepts().embeddings()).isEqualTo(b.concepts().embeddings());
    assertThat(SynthGenerator.generate(SynthConfig.of(5, 30, 300, 16, 4)).dataset().fingerprint()).isNotEqualTo(a.dataset().fingerprint());
  }

  @Test
  void everyClassHasThreeToFiveDistinctTrueConcepts() {
    SynthData d = SynthGenerator.generate(SynthConfig.of(20, 200, 1000, 32, 1));
    java.util.Set<String> sets = new java.util.HashSet<>();
    for (int[] t : d.dataset().groundTruth().classConcepts()) {
      assertThat(t.length).isBetween(3, 5);
      sets.add(java.util.Arrays.toString(t));
    }
    assertThat(sets).hasSize(20);
  }

  @Test
  void itemsShowTheirClassConcepts() {
    SynthData d = SynthGenerator.generate(SynthConfig.of(4, 20, 400, 32, 2));
    var gt = d.dataset().groundTruth();
    for (int i = 0; i < 400; i++) {
      int[] tc = gt.classConcepts().get(d.dataset().labels()[i]);
      double shown = 0;
      for (int k : tc) {
        shown += gt.itemConcepts().get(i, k);
      }
      assertThat(shown).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void rejectsTooFewItems() {
    assertThatThrownBy(() -> SynthConfig.of(20, 200, 10, 128, 0)).hasMessage("synth items must be ≥ 3 × classes (60), got 10");
  }

  @Test
  void rejectsNonFiniteNoise() {
    for (double v : new double[] {Double.POSITIVE_INFINITY, Double.NaN, -1}) {
      assertThatThrownBy(() -> SynthConfig.of(3, 10, 30, 4, 0).withNoise(v)).as("%s", v)
          .hasMessage("synth noise must be ≥ 0 and finite, got " + v);
    }
  }

  @Test
  void fewerThanThreeConceptsNameTheConceptCount() {
    assertThatThrownBy(() -> SynthConfig.of(3, 2, 30, 4, 0)).hasMessage("synth concepts must be ≥ 3 (every class has 3 to 5 true concepts), got 2");
  }

  @Test
  void fourConceptsGiveClassesThreeOrFourOfThem() {
    SynthData d = SynthGenerator.generate(SynthConfig.of(3, 4, 30, 4, 0));
    for (int c = 0; c < 3; c++) {
      assertThat(d.dataset().groundTruth().classConcepts().get(c).length).isBetween(3, 4);
    }
  }
}
