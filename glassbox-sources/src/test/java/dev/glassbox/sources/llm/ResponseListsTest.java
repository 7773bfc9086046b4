package dev.glassbox.sources.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseListsTest {
  @Test
  void laboContinuationKeepsTheUnnumberedFirstItem() {
    assertThat(ResponseLists.items(" It is small.\n2) It is yellow.\n3) It has black wings."))
        .containsExactly("It is small.", "It is yellow.", "It has black wings.");
  }

  @Test
  void numberedWithDotsOrParenthesesAndWrappedLines() {
    assertThat(ResponseLists.items("1. A long neck\n   that bends\n2) Spots\n(3) Hooves"))
        .containsExactly("A long neck that bends", "Spots", "Hooves");
  }

  @Test
  void bulletsOfEveryKind() {
    assertThat(ResponseLists.items("-stripes\n* mane\n• hooves\n- four legs"))
        .containsExactly("stripes", "mane", "hooves", "four legs");
  }

  @Test
  void commaListOnOneLine() {
    assertThat(ResponseLists.items("stripes, a mane, hooves and tail; four legs"))
        .containsExactly("stripes", "a mane", "hooves and tail", "four legs");
  }

  @Test
  void inlineNumberedList() {
    assertThat(ResponseLists.items("1) stripes 2) mane 3) hooves")).containsExactly("stripes", "mane", "hooves");
  }

  @Test
  void plainLinesWithoutMarkersAreItems() {
    assertThat(ResponseLists.items("stripes\nmane\n\nhooves")).containsExactly("stripes", "mane", "hooves");
  }

  @Test
  void emptyAnswerHasNoItems() {
    assertThat(ResponseLists.items("  \n ")).isEmpty();
    assertThat(ResponseLists.items(null)).isEmpty();
  }
}
