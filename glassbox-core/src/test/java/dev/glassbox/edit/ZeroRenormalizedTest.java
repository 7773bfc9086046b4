package dev.glassbox.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.head.LinearHead;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Provenance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroRenormalizedTest {
  static ConceptBottleneckModel model() {
    FloatMatrix dirs = FloatMatrix.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    ProjectionBottleneck b = new ProjectionBottleneck(dirs, null, Scoring.DOT, null, null);
    // cat: 2·whiskers − 1·leash; dog: 3·leash only; fox: 0.5·whiskers + 0.5·ears.
    FloatMatrix w = FloatMatrix.of(new float[][] {{2, 0, -1}, {0, 0, 3}, {0.5f, 0.5f, 0}});
    LinearHead h = new LinearHead(w, new float[] {0.1f, 0.2f, 0.3f}, null);
    return new ConceptBottleneckModel(List.of("cat", "dog", "fox"), ConceptSet.ofTexts(List.of("whiskers", "ears", "leash")), b, h,
        Provenance.now("test", Map.of(), 1, "fp", "hash", null, Map.of()));
  }

  static float[] row(ConceptBottleneckModel m, int c) {
    return java.util.Arrays.copyOfRange(m.head().weight().data(), c * 3, c * 3 + 3);
  }

  static double l1(float[] v) {
    double s = 0;
    for (float x : v) {
      s += Math.abs(x);
    }
    return s;
  }

  @Test
  void zeroingARenormalisesEachAffectedClassToItsFormerL1Norm() {
    ConceptBottleneckModel m = model();
    ConceptBottleneckModel e = ModelEditor.apply(m, new ModelEdit.ZeroRenormalized("whiskers", null));
    // cat: |2| + |−1| = 3 before; −1 remains, scaled by 3 to −3.
    assertThat(row(e, 0)).containsExactly(0f, 0f, -3f);
    // dog has no weight on whiskers: untouched.
    assertThat(row(e, 1)).containsExactly(0f, 0f, 3f);
    // fox: 0.5 + 0.5 = 1 before; ears 0.5 scaled by 2.
    assertThat(row(e, 2)).containsExactly(0f, 1f, 0f);
    for (int c = 0; c < 3; c++) {
      assertThat(l1(row(e, c))).isCloseTo(l1(row(m, c)), offset(1e-6));
    }
    assertThat(e.head().bias()).containsExactly(m.head().bias());
    assertThat(row(m, 0)).containsExactly(2f, 0f, -1f);
  }

  @Test
  void aClassWhoseOnlyWeightIsRemovedIsLeftAtZero() {
    ConceptBottleneckModel e = ModelEditor.apply(model(), new ModelEdit.ZeroRenormalized("leash", "dog"));
    assertThat(row(e, 1)).containsOnly(0f);
    assertThat(row(e, 0)).containsExactly(2f, 0f, -1f);
  }

  @Test
  void plainZeroAndRenormalisedZeroDifferOnlyInScale() {
    ConceptBottleneckModel z = ModelEditor.apply(model(), new ModelEdit.ZeroWeight("leash", "cat"));
    ConceptBottleneckModel r = ModelEditor.apply(model(), new ModelEdit.ZeroRenormalized("leash", "cat"));
    // Plain zero multiplies by 0 (a −0 stays a zero weight); compare as numbers.
    assertThat(row(z, 0)).usingElementComparator((a, b) -> Float.compare(a + 0f, b + 0f)).containsExactly(2f, 0f, 0f);
    assertThat(row(r, 0)).containsExactly(3f, 0f, 0f);
  }

  @Test
  void theEditIsRecordedInProvenance() {
    ConceptBottleneckModel e = ModelEditor.apply(model(), new ModelEdit.ZeroRenormalized("ears", "fox"));
    assertThat(e.provenance().edits()).hasSize(1);
    assertThat(e.provenance().edits().get(0)).containsEntry("edit", "zero-renormalize").containsEntry("concept", "ears")
        .containsEntry("class", "fox").containsEntry("norm", "L1");
  }

  @Test
  void unknownConceptOrClassFailsNamingIt() {
    assertThatThrownBy(() -> ModelEditor.apply(model(), new ModelEdit.ZeroRenormalized("tail", null)))
        .hasMessageContaining("the model has no concept \"tail\"");
    assertThatThrownBy(() -> ModelEditor.apply(model(), new ModelEdit.ZeroRenormalized("ears", "horse")))
        .hasMessageContaining("the model has no class \"horse\"");
  }
}
