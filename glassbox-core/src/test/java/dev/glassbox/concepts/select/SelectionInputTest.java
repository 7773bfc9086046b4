package dev.glassbox.concepts.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.select.SelectionInput.SharedConcepts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectionInputTest {
  static final List<String> CLASSES = List.of("zebra", "horse", "tiger");

  /** "stripes" proposed by zebra, then tiger; "mane" by horse then zebra; "hooves" by horse. */
  static final List<Concept> CONCEPTS = List.of(
      new Concept("stripes", "llm", "zebra", Map.of(Concept.CLASSES, "[\"zebra\", \"tiger\"]")),
      new Concept("mane", "llm", "horse", Map.of(Concept.CLASSES, "[\"horse\", \"zebra\"]")),
      Concept.of("hooves", "llm", "horse"),
      Concept.of("orange fur", "llm", "tiger"));

  @Test
  void aSharedConceptIsItsFirstProposersAsInLaBosCodeOrEveryProposersAsInItsPaper() {
    List<int[]> first = SelectionInput.groundSets(CONCEPTS, CLASSES, SharedConcepts.FIRST_PROPOSER, "");
    assertThat(first).containsExactly(new int[] {0}, new int[] {1, 2}, new int[] {3});
    List<int[]> every = SelectionInput.groundSets(CONCEPTS, CLASSES, SharedConcepts.EVERY_PROPOSER, "");
    assertThat(every).containsExactly(new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 3});
  }

  @Test
  void aConceptWithoutAClassLeavesNoGroundSetsAndAnUnknownClassIsNamed() {
    List<Concept> classless = List.of(Concept.of("stripes", "llm", "zebra"), Concept.of("mane"));
    assertThat(SelectionInput.groundSets(classless, CLASSES, SharedConcepts.FIRST_PROPOSER, "")).isNull();
    List<Concept> unknown = List.of(new Concept("stripes", "llm", "zebra", Map.of(Concept.CLASSES, "[\"zebra\", \"okapi\"]")));
    // The first proposer is known, so only every-proposer ground sets meet the unknown class.
    assertThat(SelectionInput.groundSets(unknown, CLASSES, SharedConcepts.FIRST_PROPOSER, "")).containsExactly(new int[] {0}, new int[0],
        new int[0]);
    assertThatThrownBy(() -> SelectionInput.groundSets(unknown, CLASSES, SharedConcepts.EVERY_PROPOSER, " of data/zoo"))
        .hasMessage("candidates: \"stripes\" was proposed by class \"okapi\", which is not among the 3 classes of data/zoo");
  }
}
