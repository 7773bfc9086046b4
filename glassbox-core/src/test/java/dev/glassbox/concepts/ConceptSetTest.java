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
  void ofTextsDropsBlanksAndDuplicates() {
    assertThat(ConceptSet.ofTexts(List.of(" red ", "", "red", "blue")).texts()).containsExactly("red", "blue");
  }
}
