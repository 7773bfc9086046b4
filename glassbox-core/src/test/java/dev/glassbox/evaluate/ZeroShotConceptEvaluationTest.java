package dev.glassbox.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.evaluate.ZeroShotConceptEvaluation.ConceptPhrases;
import dev.glassbox.math.FloatMatrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroShotConceptEvaluationTest {
  /** Texts map to fixed 3-d vectors. */
  static TextEncoder fake(Map<String, float[]> vectors) {
    return new TextEncoder() {
      @Override
      public EncoderIdentity identity() {
        return new EncoderIdentity("fake", "", 3);
      }

      @Override
      public FloatMatrix encode(List<String> texts) {
        float[] out = new float[texts.size() * 3];
        for (int i = 0; i < texts.size(); i++) {
          float[] v = vectors.get(texts.get(i));
          if (v == null) {
            throw new IllegalArgumentException("no vector for \"" + texts.get(i) + "\"");
          }
          System.arraycopy(v, 0, out, i * 3, 3);
        }
        return FloatMatrix.wrap(texts.size(), 3, out);
      }
    };
  }

  @Test
  void canonicalAndParaphraseAucsFollowTheEmbeddingGeometry() {
    // Concept "red" lies along x, "blue" along y. Images 0, 1 show red; 2, 3 show blue.
    TextEncoder text = fake(Map.of(
        "red", new float[] {1, 0, 0}, "crimson", new float[] {1, 0.2f, 0}, "anti-red", new float[] {-1, 0, 0},
        "blue", new float[] {0, 1, 0}));
    FloatMatrix images = FloatMatrix.of(new float[][] {{1, 0.1f, 0}, {0.9f, 0.2f, 0}, {0.1f, 1, 0}, {0.2f, 0.9f, 0}});
    FloatMatrix presence = FloatMatrix.of(new float[][] {{1, 0}, {1, 0}, {0, 1}, {0, 1}});
    var report = ZeroShotConceptEvaluation.evaluate(images, presence,
        List.of(new ConceptPhrases("red", "red", List.of("crimson", "anti-red")), new ConceptPhrases("blue", "blue", List.of())),
        text, "{}");
    assertThat(report.concepts()).hasSize(2);
    assertThat(report.concepts().get(0).canonical().auc()).isEqualTo(1.0);
    assertThat(report.concepts().get(0).paraphrases()).extracting(ZeroShotConceptEvaluation.PhraseAuc::auc).containsExactly(1.0, 0.0);
    assertThat(report.concepts().get(0).positives()).isEqualTo(2);
    assertThat(report.canonicalMean()).isEqualTo(1.0);
    assertThat(report.paraphraseMean()).isEqualTo(0.5);
    assertThat(report.paraphraseConceptMean()).isEqualTo(0.5);
    assertThat(report.paraphraseMin()).isEqualTo(0.0);
    assertThat(report.allPhrasesMean()).isEqualTo(0.75);
    assertThat(report.paraphraseCount()).isEqualTo(2);
    assertThat(report.skipped()).isEmpty();
  }

  @Test
  void theTemplateWrapsEveryPhraseAndConceptsWithoutNegativesAreSkipped() {
    TextEncoder text = fake(Map.of("a x", new float[] {1, 0, 0}, "a y", new float[] {0, 1, 0}));
    FloatMatrix images = FloatMatrix.of(new float[][] {{1, 0, 0}, {0, 1, 0}});
    FloatMatrix presence = FloatMatrix.of(new float[][] {{1, 1}, {0, 1}});
    var report = ZeroShotConceptEvaluation.evaluate(images, presence,
        List.of(new ConceptPhrases("x", "x", List.of()), new ConceptPhrases("y", "y", List.of())), text, "a {}");
    assertThat(report.concepts()).extracting(ZeroShotConceptEvaluation.ConceptResult::concept).containsExactly("x");
    assertThat(report.skipped()).containsExactly("y");
    assertThat(report.promptTemplate()).isEqualTo("a {}");
  }

  @Test
  void mismatchedShapesAreRefusedWithTheFix() {
    TextEncoder text = fake(Map.of());
    FloatMatrix images4d = FloatMatrix.zeros(2, 4);
    FloatMatrix presence = FloatMatrix.zeros(2, 1);
    List<ConceptPhrases> one = List.of(new ConceptPhrases("x", "x", List.of()));
    assertThatThrownBy(() -> ZeroShotConceptEvaluation.evaluate(images4d, presence, one, text, "{}"))
        .hasMessage("the image embeddings are 4-d but the text encoder 'fake' gives 3-d; use the text tower the image tower was aligned to");
    assertThatThrownBy(() -> ZeroShotConceptEvaluation.evaluate(FloatMatrix.zeros(3, 3), presence, one, text, "{}"))
        .hasMessage("there are 3 image embeddings but ground truth for 2 images; they must match");
    assertThatThrownBy(() -> ZeroShotConceptEvaluation.evaluate(FloatMatrix.zeros(2, 3), presence, one, text, "a photo"))
        .hasMessage("the prompt template \"a photo\" has no {} where the phrase goes");
  }
}
