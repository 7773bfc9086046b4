package dev.glassbox.concepts.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassGroundingFilterTest {
  /** Class 0's images point along e1, class 1's along e2 (with a little of the other). */
  static final FloatMatrix IMAGES = FloatMatrix.of(new float[][] {
      {1f, 0.1f, 0f}, {0.9f, 0.2f, 0f}, {1f, 0f, 0.1f},
      {0.1f, 1f, 0f}, {0.2f, 0.9f, 0f}, {0f, 1f, 0.1f}});
  static final int[] LABELS = {0, 0, 0, 1, 1, 1};

  static ConceptEmbeddings candidates() {
    ConceptSet set = new ConceptSet(List.of(
        Concept.of("seen in its class", "test", "a"),
        Concept.of("seen in the other class", "test", "a"),
        Concept.of("no class", "test", null)));
    FloatMatrix t = FloatMatrix.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    return new ConceptEmbeddings(set, t, null);
  }

  @Test
  void dropsAConceptItsOwnClassDoesNotShowAndKeepsTheRest() {
    FilterContext ctx = FilterContext.of(List.of("a", "b")).withTrainingImages(IMAGES, LABELS);
    FilterResult r = ClassGroundingFilter.defaults().apply(candidates(), ctx);
    assertThat(r.kept().concepts().texts()).containsExactly("seen in its class", "no class");
    DroppedConcept d = r.report().dropped().get(0);
    assertThat(d.concept().text()).isEqualTo("seen in the other class");
    assertThat(d.reason()).isEqualTo(DropReason.NOT_SEEN_IN_CLASS);
    // Class a's mean activation sits about one standard deviation below the mean of all six images.
    assertThat(d.score()).isLessThan(-0.8);
    assertThat(d.detail()).contains("\"a\"");
  }

  @Test
  void aConceptSeveralClassesProposedStaysWhenAnyOfThemShowsIt() {
    // "seen in the other class" was proposed by a first (as before) and also by b, whose images show it.
    ConceptSet set = new ConceptSet(List.of(
        new Concept("seen in the other class", "test", "a", Map.of(Concept.CLASSES, "[\"a\", \"b\"]")),
        new Concept("seen by neither", "test", "a", Map.of(Concept.CLASSES, "[\"a\", \"b\"]"))));
    FloatMatrix t = FloatMatrix.of(new float[][] {{0, 1, 0}, {0, 0, 1}});
    FilterContext ctx = FilterContext.of(List.of("a", "b")).withTrainingImages(IMAGES, LABELS);
    FilterResult r = ClassGroundingFilter.defaults().apply(new ConceptEmbeddings(set, t, null), ctx);
    assertThat(r.kept().concepts().texts()).containsExactly("seen in the other class");
    DroppedConcept d = r.report().dropped().get(0);
    assertThat(d.concept().text()).isEqualTo("seen by neither");
    assertThat(d.detail()).contains("each of the 2 classes that proposed it");
    // Its best lift over a and b is what the report gives.
    assertThat(d.score()).isLessThan(0.5);
  }

  @Test
  void liftIsUnchangedByTheCosineScale() {
    FloatMatrix scaled = IMAGES.copy();
    for (int i = 0; i < scaled.data().length; i++) {
      scaled.data()[i] *= 7f;
    }
    FilterContext a = FilterContext.of(List.of("a", "b")).withTrainingImages(IMAGES, LABELS);
    FilterContext b = FilterContext.of(List.of("a", "b")).withTrainingImages(scaled, LABELS);
    double s1 = new ClassGroundingFilter(10).apply(candidates(), a).report().dropped().get(0).score();
    double s2 = new ClassGroundingFilter(10).apply(candidates(), b).report().dropped().get(0).score();
    assertThat(s2).isCloseTo(s1, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void needsTheTrainingLabels() {
    FilterContext ctx = FilterContext.of(List.of("a", "b")).withTrainingImages(IMAGES);
    assertThatThrownBy(() -> ClassGroundingFilter.defaults().apply(candidates(), ctx))
        .hasMessageContaining("trainingLabels").hasMessageContaining("class-grounding");
  }
}
