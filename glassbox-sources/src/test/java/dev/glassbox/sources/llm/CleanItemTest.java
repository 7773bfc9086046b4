package dev.glassbox.sources.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link LlmConceptSource#cleanItem} turns a list item into a Label-free CBM concept. */
class CleanItemTest {
  @Test
  void quotesTrailingPunctuationAndLeadingArticleAreDropped() {
    assertThat(LlmConceptSource.cleanItem("\"A short mane.\"")).isEqualTo("short mane");
    assertThat(LlmConceptSource.cleanItem("Hooves.")).isEqualTo("hooves");
  }

  @Test
  void markdownEmphasisIsRemoved() {
    assertThat(List.of("**Red breast**", "__red breast__", "*red breast*", "`red breast`", "a **red** breast"))
        .extracting(LlmConceptSource::cleanItem).containsOnly("red breast");
  }

  @Test
  void boldHeadIsTheConcept() {
    assertThat(LlmConceptSource.cleanItem("**Red breast**: a bright orange-red chest")).isEqualTo("red breast");
    assertThat(LlmConceptSource.cleanItem("**Red breast:** a bright orange-red chest")).isEqualTo("red breast");
    assertThat(LlmConceptSource.cleanItem("**Black wings** - dark flight feathers")).isEqualTo("black wings");
    assertThat(LlmConceptSource.cleanItem("__Black wings__ — dark flight feathers")).isEqualTo("black wings");
    // Bold words that are not a head stay part of the item.
    assertThat(LlmConceptSource.cleanItem("**Red** breast")).isEqualTo("red breast");
  }

  @Test
  void oneWordHeadWithAShortTailIsAnAttributeAndItsValue() {
    assertThat(LlmConceptSource.cleanItem("Size: small")).isEqualTo("small size");
    assertThat(LlmConceptSource.cleanItem("**Size:** small")).isEqualTo("small size");
    assertThat(LlmConceptSource.cleanItem("**Tail** - long and forked.")).isEqualTo("long and forked tail");
    assertThat(LlmConceptSource.cleanItem("Tail: long and forked.")).isEqualTo("long and forked tail");
    assertThat(LlmConceptSource.cleanItem("Color – red")).isEqualTo("red color");
  }

  @Test
  void headOfAFewWordsIsTheConceptAndTheTailDescribesIt() {
    assertThat(LlmConceptSource.cleanItem("Black wings - dark flight feathers")).isEqualTo("black wings");
    assertThat(LlmConceptSource.cleanItem("Red breast – a bright patch of orange-red across the chest")).isEqualTo("red breast");
    assertThat(LlmConceptSource.cleanItem("Plumage: bright red breast with a grey back")).isEqualTo("plumage");
  }

  @Test
  void longHeadsHyphensAndTimesKeepTheWholeItem() {
    assertThat(LlmConceptSource.cleanItem("The one feature that stands out above all others is: its red breast"))
        .isEqualTo("one feature that stands out above all others is: its red breast");
    assertThat(LlmConceptSource.cleanItem("black-and-white stripes")).isEqualTo("black-and-white stripes");
    assertThat(LlmConceptSource.cleanItem("singing at 5:30 am")).isEqualTo("singing at 5:30 am");
  }
}
