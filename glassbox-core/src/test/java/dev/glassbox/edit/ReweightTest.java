package dev.glassbox.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.model.ConceptBottleneckModel;
import org.junit.jupiter.api.Test;

class ReweightTest {
  @Test
  void reweightingMultipliesTheConceptsWeights() {
    ConceptBottleneckModel e = ModelEditor.apply(ZeroRenormalizedTest.model(), new ModelEdit.Reweight("leash", null, 2));
    assertThat(ZeroRenormalizedTest.row(e, 0)).containsExactly(2f, 0f, -2f);
    assertThat(ZeroRenormalizedTest.row(e, 1)).containsExactly(0f, 0f, 6f);
    assertThat(ZeroRenormalizedTest.row(e, 2)).containsExactly(0.5f, 0.5f, 0f);
  }

  @Test
  void aFactorThatOverflowsTheFloatWeightsIsRefused() {
    ConceptBottleneckModel m = ZeroRenormalizedTest.model();
    // 1e39 is a finite double but not a finite float; 3 × 1e39 overflows, and 0 × ∞ would be NaN.
    assertThatThrownBy(() -> ModelEditor.apply(m, new ModelEdit.Reweight("leash", null, 1e39)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("re-weighting concept \"leash\" by 1.0E39 overflows: its weight for class \"cat\" (-1.0) would become -1.0E39, "
            + "beyond the largest float (3.4028235E38); use a factor of magnitude below 1.1342745E38");
    assertThatThrownBy(() -> ModelEditor.apply(m, new ModelEdit.Reweight("whiskers", "cat", 2e38)))
        .hasMessageContaining("re-weighting concept \"whiskers\" by 2.0E38 overflows");
    // A concept without weights stays at zero whatever the factor.
    ConceptBottleneckModel unused = ModelEditor.apply(m, new ModelEdit.Reweight("ears", "cat", 1e39));
    assertThat(ZeroRenormalizedTest.row(unused, 0)).containsExactly(2f, 0f, -1f);
  }
}
