package dev.glassbox.methods.pcbm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Split;
import dev.glassbox.synth.SpuriousSynth;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpuriousEditExperimentTest {
  static SpuriousSynth.SpuriousData world;

  @BeforeAll
  static void generate() {
    world = SpuriousEditExperiment.defaultWorld(5);
  }

  @Test
  void spuriousConceptsPredictTheirClassInTrainingOnly() {
    var d = world.data().dataset();
    var presence = d.groundTruth().itemConcepts();
    int[] train = d.indices(Split.TRAIN);
    int[] test = d.indices(Split.TEST);
    double own = 0;
    for (int i : train) {
      own += presence.get(i, world.spurious()[d.labels()[i]]);
    }
    double ownTest = 0;
    for (int i : test) {
      ownTest += presence.get(i, world.spurious()[d.labels()[i]]);
    }
    assertThat(own / train.length).isBetween(0.85, 0.95);
    // At test time a spurious concept is a random class's: its own class's about 0.9/10 of the time.
    assertThat(ownTest / test.length).isBetween(0.05, 0.15);
    for (int[] tc : d.groundTruth().classConcepts()) {
      for (int s : world.spurious()) {
        assertThat(tc).doesNotContain(s);
      }
    }
  }

  @Test
  void deletingSpuriousConceptsFromATextBankPcbmRecoversShiftedAccuracy() {
    SpuriousEditExperiment.Result r = SpuriousEditExperiment.run(world, "pcbm", Map.of("bank", "text", "lambda", "1e-3"), 0);
    System.out.println("spurious-concept edits, PCBM text bank λ=1e-3: " + r.describe());
    assertThat(r.testBefore()).isLessThan(r.valBefore() - 0.2);
    assertThat(r.testZero()).isGreaterThan(r.testBefore() + 0.15);
    assertThat(r.testRenormalized()).isGreaterThan(r.testBefore() + 0.15);
    assertThat(r.spuriousWeightShare()).isGreaterThan(0.1);
  }

  @Test
  void reportsTheEditsOnACavBankLearnedFromTheBiasedTrainingSplit() {
    // CAVs learned from training items, where s_c co-occurs with class c's concepts, absorb the
    // spurious direction into the class concepts' CAVs, so deleting s_c itself helps far less.
    SpuriousEditExperiment.Result r = SpuriousEditExperiment.run(world, "pcbm", Map.of("lambda", "1e-3"), 0);
    System.out.println("spurious-concept edits, PCBM CAV bank (ground truth, biased training split) λ=1e-3: " + r.describe());
    assertThat(r.testBefore()).isLessThan(r.valBefore() - 0.2);
  }
}
