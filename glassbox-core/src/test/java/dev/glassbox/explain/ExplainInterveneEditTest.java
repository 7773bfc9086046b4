package dev.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.edit.ModelEdit;
import dev.glassbox.edit.ModelEditor;
import dev.glassbox.head.LinearHead;
import dev.glassbox.intervene.Intervention;
import dev.glassbox.intervene.InterventionResult;
import dev.glassbox.intervene.Interventions;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Prediction;
import dev.glassbox.model.Provenance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainInterveneEditTest {
  /** Identity bottleneck over 3 concepts (activation k = x_k) and a hand-set head. */
  static ConceptBottleneckModel model() {
    FloatMatrix dirs = FloatMatrix.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    ProjectionBottleneck b = new ProjectionBottleneck(dirs, null, Scoring.DOT, null, null);
    FloatMatrix w = FloatMatrix.of(new float[][] {{2, 0, -1}, {0, 1, 0}});
    LinearHead h = new LinearHead(w, new float[] {0.5f, 0f}, null);
    Provenance p = Provenance.now("test", Map.of(), 1, "fp", "hash", null, Map.of());
    return new ConceptBottleneckModel(List.of("cat", "dog"), ConceptSet.ofTexts(List.of("whiskers", "floppy ears", "leash")), b, h, p);
  }

  @Test
  void contributionsBiasAndOmittedSumToTheLogit() {
    ConceptBottleneckModel m = model();
    Explanation e = Explainer.explain(m, new float[] {1.5f, 2f, -0.5f}, 1, 0);
    assertThat(e.explainedClassName()).isEqualTo("cat");
    assertThat(e.contributions()).hasSize(1);
    assertThat(e.contributions().get(0).text()).isEqualTo("whiskers");
    float sum = e.contributions().get(0).contribution() + e.omittedSum() + e.bias() + e.residual();
    assertThat(sum).isCloseTo(e.logit(), offset(1e-6f));
    assertThat(e.logit()).isCloseTo(2 * 1.5f + 0.5f + 0.5f, offset(1e-6f));
  }

  @Test
  void negativeActivationReadsAsNotConcept() {
    Explanation e = Explainer.explain(model(), new float[] {1f, 0f, -2f}, 5, 0);
    Contribution leash = e.contributions().stream().filter(c -> c.text().equals("leash")).findFirst().orElseThrow();
    assertThat(leash.label()).isEqualTo("NOT leash");
    assertThat(leash.contribution()).isEqualTo(2f);
  }

  @Test
  void classWeightsListOnlyNonZerosLargestFirst() {
    List<ClassWeight> w = Explainer.classWeights(model(), 0);
    assertThat(w).extracting(ClassWeight::text).containsExactly("whiskers", "leash");
  }

  @Test
  void interventionOnUnusedConceptLeavesLogitsUnchanged() {
    ConceptBottleneckModel m = model();
    // "floppy ears" has zero weight for cat; zeroing it changes only dog's logit.
    InterventionResult r = Interventions.apply(m, new float[] {1f, 3f, 0f}, List.of(new Intervention.ZeroConcept(1)));
    assertThat(r.after().logits()[0]).isEqualTo(r.before().logits()[0]);
    assertThat(r.after().logits()[1]).isEqualTo(r.before().logits()[1] - 3f);
    assertThat(r.changedPrediction()).isTrue();
  }

  @Test
  void setInterventionReplacesTheActivation() {
    InterventionResult r = Interventions.apply(model(), new float[] {0f, 1f, 0f}, List.of(new Intervention.SetConcept(0, 4f)));
    assertThat(r.before().predicted()).isEqualTo(1);
    assertThat(r.after().predicted()).isEqualTo(0);
    assertThat(r.after().activations()[0]).isEqualTo(4f);
  }

  @Test
  void zeroEditRecordsItselfInProvenanceAndLeavesTheOriginalUnchanged() {
    ConceptBottleneckModel m = model();
    ConceptBottleneckModel e = ModelEditor.apply(m, new ModelEdit.ZeroWeight("whiskers", "cat"));
    assertThat(e.head().weight().get(0, 0)).isZero();
    assertThat(m.head().weight().get(0, 0)).isEqualTo(2f);
    assertThat(e.provenance().edits()).hasSize(1);
    assertThat(e.provenance().edits().get(0)).containsEntry("edit", "zero").containsEntry("concept", "whiskers").containsEntry("class", "cat");
  }

  @Test
  void removingAConceptKeepsTheOtherContributions() {
    ConceptBottleneckModel m = model();
    ConceptBottleneckModel e = ModelEditor.apply(m, new ModelEdit.RemoveConcept("floppy ears"));
    assertThat(e.numConcepts()).isEqualTo(2);
    assertThat(e.concepts().texts()).containsExactly("whiskers", "leash");
    float[] x = {1f, 5f, 2f};
    Prediction before = m.predict(x);
    Prediction after = e.predict(x);
    assertThat(after.logits()[0]).isEqualTo(before.logits()[0]);
    assertThat(after.logits()[1]).isEqualTo(before.logits()[1] - 5f);
    assertThat(e.provenance().conceptSetHash()).isEqualTo(e.concepts().hash());
  }

  @Test
  void reweightScalesEveryClassWhenNoClassIsGiven() {
    ConceptBottleneckModel e = ModelEditor.apply(model(), new ModelEdit.Reweight("leash", null, 0.5));
    assertThat(e.head().weight().get(0, 2)).isEqualTo(-0.5f);
  }

  @Test
  void editsNamingUnknownConceptsOrClassesFailClearly() {
    assertThatThrownBy(() -> ModelEditor.apply(model(), new ModelEdit.ZeroWeight("tail", null)))
        .hasMessageContaining("the model has no concept \"tail\"");
    assertThatThrownBy(() -> ModelEditor.apply(model(), new ModelEdit.ZeroWeight("leash", "horse")))
        .hasMessageContaining("the model has no class \"horse\"");
  }

  @Test
  void predictRejectsWrongDimensionAndNaN() {
    assertThatThrownBy(() -> model().predict(new float[] {1, 2})).hasMessageContaining("embedding has 2 values but the model expects 3");
    assertThatThrownBy(() -> model().predict(new float[] {1, Float.NaN, 2})).hasMessageContaining("embedding value 1 is NaN");
  }
}
