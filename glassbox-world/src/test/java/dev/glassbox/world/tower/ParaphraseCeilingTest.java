package dev.glassbox.world.tower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.encoders.onnx.MiniLmTextEncoder;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.world.ConceptCatalog;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConcept;
import dev.glassbox.world.WorldConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How far the frozen text tower lets paraphrases go: "image" embeddings made from the ground truth
 * itself (the normalised sum of the MiniLM embeddings of the concepts each image shows, a perfect
 * image tower in the canonical phrases' span) detect concepts almost perfectly by their canonical
 * phrases but only moderately by their paraphrases, because MiniLM does not place "jet crown",
 * "snowy cap" or "golden beak" near "black crown", "white crown" or "yellow bill". This is the
 * ceiling the shipped tower's paraphrase AUC is measured against.
 */
class ParaphraseCeilingTest {
  @Test
  void aGroundTruthOracleScoresCanonicalPhrasesFarAboveParaphrases() {
    World world = World.generate(WorldConfig.defaults().withSeed(4242).withImagesPerSpecies(12));
    ImageTowerEvaluation.Report r;
    try (MiniLmTextEncoder text = MiniLmTextEncoder.load()) {
      List<String> phrases = new ArrayList<>();
      for (WorldConcept c : ConceptCatalog.all()) {
        phrases.add(c.phrase());
      }
      FloatMatrix t = text.encode(phrases);
      int d = t.cols();
      FloatMatrix oracle = FloatMatrix.zeros(world.size(), d);
      for (int i = 0; i < world.size(); i++) {
        double norm = 0;
        for (int k : world.presentConcepts(i)) {
          for (int j = 0; j < d; j++) {
            oracle.data()[i * d + j] += t.get(k, j);
          }
        }
        for (int j = 0; j < d; j++) {
          norm += oracle.get(i, j) * oracle.get(i, j);
        }
        for (int j = 0; j < d; j++) {
          oracle.data()[i * d + j] /= (float) Math.sqrt(norm);
        }
      }
      r = ImageTowerEvaluation.evaluate(world, oracle, text);
    }
    assertThat(r.concepts().canonicalMean()).isGreaterThan(0.9);
    assertThat(r.concepts().paraphraseMean()).isBetween(0.65, 0.8);
  }
}
