package dev.glassbox.concepts.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthAndClassNameFilterTest {

  @Test
  void lengthFilterDropsConceptsLongerThanThirtyCharactersAndReportsTheirLength() {
    ConceptEmbeddings in = FilterFixtures.concepts(
        new String[] {"yellow crown", "a long curved beak used for probing flowers", "exactly thirty characters long", "🐦🐦 bird"},
        new float[][] {{1, 0}, {0, 1}, {1, 1}, {1, 2}});
    FilterResult r = LengthFilter.defaults().apply(in, FilterContext.empty());
    assertThat(r.kept().concepts().texts()).containsExactly("yellow crown", "exactly thirty characters long", "🐦🐦 bird");
    DroppedConcept d = r.report().find("a long curved beak used for probing flowers");
    assertThat(d.reason()).isEqualTo(DropReason.TOO_LONG);
    assertThat(d.score()).isEqualTo(43);
    assertThat(d.threshold()).isEqualTo(30);
    assertThat(d.filter()).isEqualTo("length");
    FilterFixtures.assertAccountsForEveryConcept(in, r);
    assertThat(r.kept().embeddings().row(1)).containsExactly(1, 1);
  }

  @Test
  void classNameFilterDropsExactMatchesUpToCaseArticlesSeparatorsAndPlural() {
    String[] texts = {"The Zebras", "a zebra", "ZEBRA", "fire engines", "black-footed albatross", "zebra stripes", "boxes", "geese",
        "red fire truck"};
    float[][] e = new float[texts.length][];
    for (int i = 0; i < e.length; i++) {
      e[i] = new float[] {1, i};
    }
    ConceptEmbeddings in = FilterFixtures.concepts(texts, e);
    FilterResult r = ClassNameFilter.exactOnly()
        .apply(in, FilterContext.of(List.of("zebra", "Fire_Engine", "Black_footed_Albatross", "box", "goose")));
    assertThat(r.kept().concepts().texts()).containsExactly("zebra stripes", "red fire truck");
    assertThat(r.report().find("fire engines").detail()).contains("class \"Fire_Engine\"");
    assertThat(r.report().dropped()).allSatisfy(d -> assertThat(d.reason()).isEqualTo(DropReason.CLASS_NAME));
    FilterFixtures.assertAccountsForEveryConcept(in, r);
  }

  @Test
  void canonicalFormsOfSingularAndPluralMeet() {
    for (String[] pair : new String[][] {{"prizes", "prize"}, {"churches", "church"}, {"berries", "berry"}, {"glasses", "glass"},
        {"buses", "bus"}, {"eyes", "eye"}, {"wolves", "wolf"}, {"mice", "mouse"}, {"The Shoes", "shoe"}}) {
      assertThat(ClassNameFilter.canonical(pair[0])).as(pair[0]).isEqualTo(ClassNameFilter.canonical(pair[1]));
    }
    assertThat(ClassNameFilter.canonical("a")).isEqualTo("a");
  }

  @Test
  void classNameFilterDropsConceptsWhoseEmbeddingIsCloseToAClassName() {
    ConceptEmbeddings in = FilterFixtures.concepts(new String[] {"striped horse", "yellow crown"},
        new float[][] {{0.95f, 0.31f, 0}, {0, 0.2f, 1}});
    FloatMatrix classEmb = FloatMatrix.of(new float[][] {{1, 0, 0}, {0, 1, 0}});
    FilterContext ctx = FilterContext.empty().withClassNames(List.of("zebra", "goldfinch"), classEmb);
    FilterResult r = ClassNameFilter.defaults().apply(in, ctx);
    assertThat(r.kept().concepts().texts()).containsExactly("yellow crown");
    DroppedConcept d = r.report().find("striped horse");
    assertThat(d.reason()).isEqualTo(DropReason.SIMILAR_TO_CLASS_NAME);
    assertThat(d.score()).isBetween(0.94, 0.96);
    assertThat(d.threshold()).isEqualTo(0.85);
    assertThat(d.detail()).contains("\"zebra\"");
    assertThat(new ClassNameFilter(0.97).apply(in, ctx).kept().concepts().size()).isEqualTo(2);
  }

  @Test
  void classNameFilterNamesWhatIsMissing() {
    ConceptEmbeddings in = FilterFixtures.concepts(new String[] {"stripes"}, new float[][] {{1, 0}});
    assertThatThrownBy(() -> ClassNameFilter.defaults().apply(in, FilterContext.of(List.of("zebra"))))
        .hasMessageStartingWith("classNameEmbeddings:")
        .hasMessageContaining("exactOnly()");
    assertThatThrownBy(() -> ClassNameFilter.defaults().apply(in, FilterContext.empty()))
        .hasMessageStartingWith("classNames:");
    assertThatThrownBy(() -> ClassNameFilter.defaults().apply(in,
        FilterContext.empty().withClassNames(List.of("zebra"), FloatMatrix.of(new float[][] {{1, 0, 0}}))))
        .hasMessageContaining("3-d")
        .hasMessageContaining("2-d");
    assertThatThrownBy(() -> FilterContext.empty().withClassNames(List.of("zebra"), FloatMatrix.of(new float[][] {{1, Float.NaN}})))
        .hasMessageContaining("class \"zebra\"")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> new ClassNameFilter(1.5)).hasMessageContaining("similarityThreshold must be in [-1, 1]");
  }

  @Test
  void everyFilterRejectsEmptyCandidatesNamingTheInput() {
    ConceptEmbeddings empty = new ConceptEmbeddings(new dev.glassbox.concepts.ConceptSet(List.of()), FloatMatrix.zeros(0, 3), null);
    for (ConceptFilter f : List.of(LengthFilter.defaults(), ClassNameFilter.defaults(), RedundancyFilter.defaults(),
        LowActivationFilter.defaults(), NonVisualFilter.defaults(), FilterPipeline.labelFree())) {
      assertThatThrownBy(() -> f.apply(empty, FilterContext.empty()))
          .as(f.name())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("candidates:")
          .hasMessageContaining("no candidate concepts");
    }
  }
}
