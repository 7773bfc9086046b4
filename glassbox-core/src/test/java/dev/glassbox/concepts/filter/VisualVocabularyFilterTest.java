package dev.glassbox.concepts.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisualVocabularyFilterTest {
  /** A 3-d toy space: axis 0 is "appearance", axis 1 is "sound/place", axis 2 is neutral. */
  static final ConceptEmbeddings APPEARANCE = new ConceptEmbeddings(ConceptSet.ofTexts(List.of("a colour", "a shape")),
      FloatMatrix.of(new float[][] {{1, 0, 0.2f}, {0.9f, 0.1f, 0.3f}}), null);
  static final ConceptEmbeddings NON = new ConceptEmbeddings(ConceptSet.ofTexts(List.of("a sound")),
      FloatMatrix.of(new float[][] {{0, 1, 0.2f}}), null);

  @Test
  void keepsAppearanceWordingAndDropsWhatCannotBeSeen() {
    ConceptEmbeddings c = new ConceptEmbeddings(ConceptSet.ofTexts(List.of("red crown", "sings at dawn", "neutral")),
        FloatMatrix.of(new float[][] {{0.9f, 0.1f, 0}, {0.1f, 0.9f, 0}, {0, 0, 1}}), null);
    VisualVocabularyFilter f = new VisualVocabularyFilter(VisualVocabularyFilter.DEFAULT_MARGIN, APPEARANCE, NON);
    double[] m = f.margins(c);
    assertThat(m[0]).isPositive();
    assertThat(m[1]).isLessThan(-0.5);
    FilterResult r = f.apply(c, FilterContext.empty());
    assertThat(r.kept().concepts().texts()).containsExactly("red crown", "neutral");
    assertThat(r.report().dropped()).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo(DropReason.NON_VISUAL_WORDING);
      assertThat(d.concept().text()).isEqualTo("sings at dawn");
    });
  }

  @Test
  void refusesCandidatesOfAnotherEncoder() {
    ConceptEmbeddings c = new ConceptEmbeddings(ConceptSet.ofTexts(List.of("x")), FloatMatrix.of(new float[][] {{1, 0}}), null);
    assertThatThrownBy(() -> new VisualVocabularyFilter(0, APPEARANCE, NON).apply(c, FilterContext.empty()))
        .hasMessageContaining("2-d").hasMessageContaining("3-d");
  }
}
