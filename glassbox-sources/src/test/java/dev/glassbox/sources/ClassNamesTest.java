package dev.glassbox.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassNamesTest {
  @Test
  void emptyListIsRejectedNamingTheSource() {
    assertThatThrownBy(() -> ClassNames.validate(List.of(), "wordnet")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wordnet").hasMessageContaining("at least one class name");
    assertThatThrownBy(() -> ClassNames.validate(null, "llm")).hasMessageContaining("llm");
  }

  @Test
  void blankNamesAreReportedByPosition() {
    assertThatThrownBy(() -> ClassNames.validate(Arrays.asList("zebra", " ", null), "corpus"))
        .hasMessageContaining("blank").hasMessageContaining("[1, 2]").hasMessageContaining("corpus");
  }

  @Test
  void duplicatesIgnoringCaseAreReportedWithBothPositions() {
    assertThatThrownBy(() -> ClassNames.validate(List.of("crane", "zebra", "Crane "), "llm"))
        .hasMessageContaining("\"Crane\" (positions 0 and 2)").hasMessageContaining("unique");
  }

  @Test
  void validNamesComeBackStrippedInOrder() {
    assertThat(ClassNames.validate(List.of(" zebra", "fire engine "), "file")).containsExactly("zebra", "fire engine");
  }

  @Test
  void listMetadataIsAJsonArrayWithEscapes() {
    assertThat(ConceptProvenance.jsonList(List.of("a\"b", "c\\d"))).isEqualTo("[\"a\\\"b\",\"c\\\\d\"]");
  }
}
