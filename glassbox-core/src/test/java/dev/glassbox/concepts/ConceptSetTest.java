package dev.glassbox.concepts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConceptSetTest {
  @Test
  void rejectsDuplicateTexts() {
    assertThatThrownBy(() -> new ConceptSet(List.of(Concept.of("red"), Concept.of("red"))))
        .hasMessageContaining("concept \"red\" appears twice (positions 0 and 1)");
  }

  @Test
  void hashDependsOnOrderTextsAndProvenance() {
    ConceptSet a = new ConceptSet(List.of(Concept.of("red", "llm", "cardinal"), Concept.of("wings")));
    ConceptSet b = new ConceptSet(List.of(Concept.of("wings"), Concept.of("red", "llm", "cardinal")));
    ConceptSet c = new ConceptSet(List.of(Concept.of("red", "wordnet", "cardinal"), Concept.of("wings")));
    assertThat(a.hash()).isEqualTo(new ConceptSet(List.of(Concept.of("red", "llm", "cardinal"), Concept.of("wings"))).hash());
    assertThat(a.hash()).isNotEqualTo(b.hash()).isNotEqualTo(c.hash());
    assertThat(new Concept("x", "s", null, Map.of("k", "v")).metadata()).containsEntry("k", "v");
  }

  @Test
  void proposingClassesListTheProposerThenTheClassesMetadataOnce() {
    Concept c = new Concept("striped wings", "llm", "zebra finch", Map.of(Concept.CLASSES, "[\"zebra finch\", \"tiger \\\"moth\\\"\", \"caf\\u00e9 bird\"]"));
    assertThat(c.proposingClasses()).containsExactly("zebra finch", "tiger \"moth\"", "café bird");
    assertThat(Concept.of("red", "llm", "cardinal").proposingClasses()).containsExactly("cardinal");
    assertThat(Concept.of("red").proposingClasses()).isEmpty();
    assertThat(new Concept("x", "s", null, Map.of(Concept.CLASSES, " [ ] ")).proposingClasses()).isEmpty();
    assertThat(new Concept("x", "s", null, Map.of(Concept.CLASSES, "[\"b\",\"a\",\"b\"]")).proposingClasses()).containsExactly("b", "a");
  }

  @Test
  void aClassesMetadataThatIsNotAJsonArrayOfNamesIsAnErrorNamingTheConcept() {
    for (String bad : List.of("zebra", "[\"zebra\"", "[zebra]", "[\"a\" \"b\"]", "[\"a\",]", "[\"a\\q\"]", "[1]", "[\"a\"] x")) {
      Concept c = new Concept("stripes", "llm", "zebra", Map.of(Concept.CLASSES, bad));
      assertThatThrownBy(c::proposingClasses).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("concept \"stripes\"").hasMessageContaining("JSON array of class names").hasMessageContaining(bad);
    }
  }

  @Test
  void ofTextsDropsBlanksAndDuplicates() {
    assertThat(ConceptSet.ofTexts(List.of(" red ", "", "red", "blue")).texts()).containsExactly("red", "blue");
  }
}
