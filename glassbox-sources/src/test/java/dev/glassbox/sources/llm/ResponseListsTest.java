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
  void aCapitalisedLineRightUnderTheLastItemIsAClosingRemarkNotWrappedText() {
    assertThat(ResponseLists.items("- red breast\n- short bill\nHope this helps!")).containsExactly("red breast", "short bill");
    assertThat(ResponseLists.items("- a very long description of the bill\nthat wraps\n- wings")).containsExactly(
        "a very long description of the bill that wraps", "wings");
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

  @Test
  void markdownItemsWithBoldHeadsAndDescriptionsAreOneItemEach() {
    assertThat(ResponseLists.items("1. **Red breast**: a bright orange-red chest\n2. **Black wings** - dark flight feathers\n3. **Short beak**"))
        .containsExactly("**Red breast**: a bright orange-red chest", "**Black wings** - dark flight feathers", "**Short beak**");
  }

  @Test
  void boldTextAtTheStartOfALineIsNotABullet() {
    assertThat(ResponseLists.items("**Red breast**: orange\n**Black wings**: dark")).containsExactly("**Red breast**: orange", "**Black wings**: dark");
    assertThat(ResponseLists.items("- **Red breast**\n* __Black wings__\n* *short beak*")).containsExactly("**Red breast**", "__Black wings__", "*short beak*");
  }

  @Test
  void preambleBeforeTheListAndClosingRemarkAfterItAreNotItems() {
    String answer = "Here are the most important features for recognizing a robin:\n\n"
        + "1. Red breast\n2. Black wings\n3. Short beak\n\nLet me know if you need anything else!";
    assertThat(ResponseLists.items(answer)).containsExactly("Red breast", "Black wings", "Short beak");
    assertThat(ResponseLists.items("Sure! Here are some features:\n- red breast\n- black wings"))
        .containsExactly("red breast", "black wings");
    assertThat(ResponseLists.items("Sure thing.\n- red breast\n- black wings\nthat shine\n\nThese vary by season.\nAsk away."))
        .containsExactly("red breast", "black wings that shine");
  }

  @Test
  void laboContinuationSurvivesAPreambleLineEndingInAColonAndAClosingRemark() {
    assertThat(ResponseLists.items("Here you go:\nIt is small.\n2) It is yellow.\n\nI hope this helps."))
        .containsExactly("It is small.", "It is yellow.");
    // A list numbered from 1 has no continuation, so the line before it is a preamble.
    assertThat(ResponseLists.items("The goldfinch looks like this\n1) It is small.\n2) It is yellow."))
        .containsExactly("It is small.", "It is yellow.");
    // A line ending in ':' is never LaBo's first item.
    assertThat(ResponseLists.items("Ten sentences:\n2) It is yellow.\n3) It is small.")).containsExactly("It is yellow.", "It is small.");
  }

  @Test
  void labelsEndingInAColonIntroduceItemsWithoutBeingItems() {
    assertThat(ResponseLists.items("1. **Plumage:**\n   - red breast\n   - grey back\n\n**Behaviour:**\n- hops on lawns\nPhysical:\n- stout body"))
        .containsExactly("red breast", "grey back", "hops on lawns", "stout body");
  }

  @Test
  void jsonArrayOfStringsGivesTheStrings() {
    assertThat(ResponseLists.items("[\"red breast\", \"black wings\", \"short beak\"]")).containsExactly("red breast", "black wings", "short beak");
    assertThat(ResponseLists.items("```json\n[\n  \"red breast\",\n  \"black wings\"\n]\n```")).containsExactly("red breast", "black wings");
    assertThat(ResponseLists.items("Here is the list:\n```\n['red breast', 'black wings',]\n```\nAnything else?"))
        .containsExactly("red breast", "black wings");
  }

  @Test
  void jsonObjectOfStringsAndArraysGivesTheStrings() {
    assertThat(ResponseLists.items("```json\n{\"features\": [\"red breast\", \"black wings\"], \"size\": \"small\"}\n```"))
        .containsExactly("red breast", "black wings", "small");
  }

  @Test
  void jsonOfAnotherShapeIsReadAsLinesWithoutTheFences() {
    assertThat(ResponseLists.items("```json\n[1, 2]\n```")).containsExactly("[1, 2]");
    assertThat(ResponseLists.items("```\n- red breast\n- black wings\n```")).containsExactly("red breast", "black wings");
  }

  @Test
  void headingsRulesAndItemsWithoutALetterOrDigitAreNotItems() {
    assertThat(ResponseLists.items("### Key features\n- red breast\n---\n- black wings\n***\n- ...\n- —\n## Other\n* * *\n- short beak"))
        .containsExactly("red breast", "black wings", "short beak");
    assertThat(ResponseLists.items("# Robin\nred breast\nblack wings")).containsExactly("red breast", "black wings");
  }

  @Test
  void withoutEmphasisRemovesBoldItalicAndCodeButNotInnerUnderscoresOrHyphens() {
    assertThat(ResponseLists.withoutEmphasis("**red** __breast__ *black* `wings` snake_case black-and-white 2 * 3 * 4"))
        .isEqualTo("red breast black wings snake_case black-and-white 2 * 3 * 4");
  }
}
