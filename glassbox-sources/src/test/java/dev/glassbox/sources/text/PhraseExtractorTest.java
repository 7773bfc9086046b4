package dev.glassbox.sources.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.sources.wordnet.WordNet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PhraseExtractorTest {
  private static WordNet wordnet;
  private static PhraseExtractor extractor;

  @BeforeAll
  static void open() {
    wordnet = WordNet.open();
    extractor = new PhraseExtractor(wordnet.lexicon());
  }

  @AfterAll
  static void close() {
    wordnet.close();
  }

  private static List<String> x(String sentence, String cls) {
    return extractor.extract(sentence, cls);
  }

  @Test
  void stripsTheClassNameAndTheLeadingVerb() {
    assertThat(x("The goldfinch has a bright yellow body.", "goldfinch")).containsExactly("bright yellow body");
    assertThat(x("Zebras have black and white stripes all over their bodies.", "zebra"))
        .contains("black and white stripes").noneMatch(t -> t.contains("zebra"));
  }

  @Test
  void splitsCoordinatedNounPhrases() {
    assertThat(x("It has a yellow body and black wings with white bars.", "goldfinch"))
        .containsExactly("yellow body", "black wings", "white bars");
  }

  @Test
  void keepsCoordinatedAdjectivesTogether() {
    assertThat(x("The zebra is black and white.", "zebra")).containsExactly("black and white");
    assertThat(x("A penguin has a black and white body.", "penguin")).containsExactly("black and white body");
  }

  @Test
  void predicateAdjectiveJoinsItsNoun() {
    assertThat(x("Its wings are black.", "goldfinch")).containsExactly("black wings");
    assertThat(x("The tail is usually short.", "goldfinch")).containsExactly("short tail");
  }

  @Test
  void dimensionHeadsGiveTheirModifier() {
    assertThat(x("The fire engine is bright red in color.", "fire engine")).contains("bright red").doesNotContain("color");
    assertThat(x("The bird has a round shape.", "bird")).containsExactly("round");
    assertThat(x("The egg has an oval shape.", "robin")).containsExactly("egg", "oval");
  }

  @Test
  void dropsHedgesVacuousWordsAndParticiplePhrases() {
    assertThat(x("The penguin is covered in dense, waterproof feathers.", "penguin")).containsExactly("dense", "waterproof feathers");
    assertThat(x("It looks similar to a small sparrow.", "goldfinch")).containsExactly("small sparrow");
    assertThat(x("There are various types of finches.", "goldfinch")).containsExactly("finches");
  }

  @Test
  void postNominalParticiplesAreCut() {
    assertThat(x("webbed feet and wings modified as flippers", null)).containsExactly("webbed feet", "wings", "flippers");
  }

  @Test
  void aPhrasalVerbIsNotTheHeadOfItsSubject() {
    assertThat(x("In good light, its emerald mantle stands out.", "hummingbird")).containsExactly("light", "emerald mantle");
    assertThat(x("Its red wings stand out against the sky.", "tanager")).containsExactly("red wings", "sky");
    // Without a particle, a noun stays a noun.
    assertThat(x("It perches on tall stands of reeds.", "wren")).containsExactly("tall stands", "reeds");
  }

  @Test
  void aBareNounPredicateDescribesItsSubject() {
    assertThat(x("Its crown is slate.", "robin")).containsExactly("slate crown");
    assertThat(x("Its bill is ivory and its legs are black.", "gull")).containsExactly("ivory bill", "black legs");
    // With a determiner the predicate is a noun phrase of its own.
    assertThat(x("Its crown is a patch.", "robin")).containsExactly("crown", "patch");
  }

  @Test
  void aBaseFormVerbAfterAPluralSubjectIsNotPartOfAPhrase() {
    assertThat(x("Adults show striped wings and a white belly.", "sparrow")).containsExactly("striped wings", "white belly");
    assertThat(x("Both sexes have a golden cap; juvenile plumage is duller.", "finch")).containsExactly("golden cap", "duller juvenile plumage");
    assertThat(x("Insects form a large part of its diet.", "sparrow")).containsExactly("insects", "large", "diet");
    assertThat(x("Many birds also show a snowy belly.", "finch")).containsExactly("birds", "snowy belly");
    // A plural noun followed by a verb-capable noun that ends no clause stays a compound.
    assertThat(x("It has white wing bars.", "finch")).containsExactly("white wing bars");
  }

  @Test
  void aMarkOnAPartKeepsItsPlace() {
    assertThat(x("Its feathers are brown with small white spots on the wings.", "sparrow"))
        .containsExactly("brown feathers", "white spots on wings");
    assertThat(x("It has a black band across the tail and a red patch on its throat.", "sparrow"))
        .containsExactly("black band across tail", "red patch on throat");
    // The place joins the phrase it follows only when the whole stays within the length limit.
    assertThat(x("It shows a yellow patch on the outer wing tips.", "sparrow")).containsExactly("yellow patch", "outer wing tips");
    // A place after a verb is no mark's.
    assertThat(x("It nests on the ground.", "sparrow")).containsExactly("ground");
  }

  @Test
  void commasBetweenTheAdjectivesOfOneNounPhraseDoNotSplitIt() {
    assertThat(x("It has a short, conical, pink bill.", "finch")).containsExactly("short conical pink bill");
    assertThat(x("It has a long, thin, slightly curved bill.", "curlew")).containsExactly("long thin curved bill");
    assertThat(x("It has red eyes and a white ring around each eye.", "vireo")).containsExactly("red eyes", "white ring around eye");
    // A list stays a list.
    assertThat(x("Black wings, white belly, red tail.", "tanager")).containsExactly("black wings", "white belly", "red tail");
    assertThat(x("It has black wings, a white belly and a red, white and blue tail.", "x"))
        .containsExactly("black wings", "white belly", "red", "white and blue tail");
  }

  @Test
  void longPhrasesKeepTheirHeadAndNearestModifiers() {
    assertThat(new PhraseExtractor(wordnet.lexicon(), 2).extract("It has a small bright yellow rounded body.", "x"))
        .containsExactly("rounded body");
  }

  @Test
  void multiWordClassNamesAndTheirHeadAreStripped() {
    assertThat(x("Fire engines carry long ladders and hoses.", "fire engine")).containsExactly("long ladders", "hoses");
    assertThat(x("The engine has a chrome bumper.", "fire engine")).containsExactly("chrome bumper");
  }

  @Test
  void listMarkersAndNumbersAreHandled() {
    assertThat(x("3) It has two long legs.", "heron")).containsExactly("two long legs");
    assertThat(x("- four wheels", "car")).containsExactly("four wheels");
    assertThat(x("It has two.", "car")).isEmpty();
  }

  @Test
  void sentenceWithoutContentGivesNothing() {
    assertThat(x("It is what it is.", "x")).isEmpty();
    assertThat(x("", "x")).isEmpty();
  }

  @Test
  void extractionIsDeterministicAndFreeOfRepeats() {
    String s = "It has black wings, black wings and a black tail.";
    assertThat(x(s, "crow")).containsExactly("black wings", "black tail").isEqualTo(x(s, "crow"));
  }
}
