package dev.glassbox.concepts.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterPipelineTest {

  @Test
  void labelFreePipelineReportsEveryDroppedConceptWithItsFilterReasonAndScore() {
    FilterFixtures.World w = FilterFixtures.world(11, 64, 10, 40, 40, 1200);
    int d = 64;
    // Add a too-long concept, a class-name restatement and a near duplicate of visual concept 0.
    List<Concept> cs = new ArrayList<>(w.candidates().concepts().concepts());
    float[] e = new float[(cs.size() + 3) * d];
    System.arraycopy(w.candidates().embeddings().data(), 0, e, 0, cs.size() * d);
    float[] v0 = w.candidates().embeddings().row(0);
    int base = cs.size();
    cs.add(new Concept("a visual concept phrased as a very long sentence", "test", null, Map.of()));
    cs.add(new Concept("Goldfinches", "test", null, Map.of()));
    cs.add(new Concept("visual 0 again", "test", null, Map.of()));
    for (int k = 0; k < 3; k++) {
      for (int p = 0; p < d; p++) {
        e[(base + k) * d + p] = v0[p] * (k == 2 ? 1.001f : 1f) + (k == 2 ? 0.001f : 0f);
      }
    }
    ConceptEmbeddings in = new ConceptEmbeddings(new ConceptSet(cs), FloatMatrix.wrap(cs.size(), d, e), null);
    FloatMatrix classEmb = FloatMatrix.wrap(1, d, FilterFixtures.unit(new java.util.SplittableRandom(1), d, 1));
    FilterContext ctx = FilterContext.empty().withClassNames(List.of("goldfinch"), classEmb).withTrainingImages(w.images());
    FilterPipeline pipeline = FilterPipeline.of(LengthFilter.defaults(), ClassNameFilter.defaults(), RedundancyFilter.defaults(),
        LowActivationFilter.defaults().withCutoff(-1), NonVisualFilter.defaults());
    FilterResult r = pipeline.apply(in, ctx);

    FilterFixtures.assertAccountsForEveryConcept(in, r);
    assertThat(r.report().filters()).containsExactly("length", "class-name", "redundancy", "low-activation", "non-visual");
    assertThat(r.report().find("a visual concept phrased as a very long sentence").reason()).isEqualTo(DropReason.TOO_LONG);
    assertThat(r.report().find("Goldfinches").reason()).isEqualTo(DropReason.CLASS_NAME);
    DroppedConcept dup = r.report().find("visual 0 again") != null ? r.report().find("visual 0 again") : r.report().find("visual 0");
    assertThat(dup.reason()).isEqualTo(DropReason.REDUNDANT);
    assertThat(r.report().droppedPerFilter()).containsKeys("length", "class-name", "redundancy", "low-activation", "non-visual");
    for (DroppedConcept dc : r.report().dropped()) {
      assertThat(dc.filter()).isNotBlank();
      assertThat(dc.detail()).isNotBlank();
      assertThat(dc.score()).isNotNaN();
    }
    int nonVisualDropped = 0;
    for (int i = 0; i < 80; i++) {
      if (!w.visual()[i] && r.report().find(w.candidates().concepts().get(i).text()) != null) {
        nonVisualDropped++;
      }
    }
    assertThat(nonVisualDropped).isGreaterThanOrEqualTo(32);
  }

  @Test
  void pipelineStopsWhenAFilterLeavesNothing() {
    ConceptEmbeddings in = FilterFixtures.concepts(new String[] {"zebra", "zebras"}, new float[][] {{1, 0}, {0, 1}});
    FilterResult r = FilterPipeline.of(ClassNameFilter.exactOnly(), LengthFilter.defaults())
        .apply(in, FilterContext.of(List.of("zebra")));
    assertThat(r.kept().concepts().size()).isZero();
    assertThat(r.report().filters()).containsExactly("class-name");
    assertThat(r.report().dropped()).hasSize(2);
  }

  @Test
  void pipelineNeedsAtLeastOneFilter() {
    assertThatThrownBy(() -> new FilterPipeline(List.of())).hasMessageContaining("at least one filter");
  }
}
