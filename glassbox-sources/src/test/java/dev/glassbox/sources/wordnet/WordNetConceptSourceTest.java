package dev.glassbox.sources.wordnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordNetConceptSourceTest {
  private static WordNet wordnet;
  private static WordNetConceptSource source;

  @BeforeAll
  static void open() {
    wordnet = WordNet.open();
    source = new WordNetConceptSource(wordnet, WordNetConfig.defaults());
  }

  @AfterAll
  static void close() {
    wordnet.close();
  }

  private static List<String> texts(String className) {
    return source.generate(List.of(className)).stream().map(Concept::text).toList();
  }

  @Test
  void zebraYieldsStripesOrBlackAndWhite() {
    assertThat(texts("zebra")).anyMatch(t -> t.contains("stripe") || t.contains("black-and-white") || t.contains("black and white"))
        .contains("black-and-white", "striped", "narrow mane along back", "hoof", "tail", "equine");
  }

  @Test
  void goldfinchYieldsYellow() {
    assertThat(texts("goldfinch")).anyMatch(t -> t.contains("yellow"))
        .contains("yellow body plumage", "short stout bills", "beak", "wing", "feather", "finch");
  }

  @Test
  void penguinYieldsFlippersAndWings() {
    assertThat(texts("penguin")).anyMatch(t -> t.contains("flipper") || t.contains("wing"))
        .contains("flippers", "webbed feet", "flightless", "short-legged", "beak");
  }

  @Test
  void multiWordFireEngineResolvesAndYieldsRed() {
    WordNetConceptSource.Sense sense = source.resolve("fire engine");
    assertThat(sense.lemma()).isEqualTo("fire engine");
    assertThat(texts("fire engine")).contains("red", "large", "wheel", "truck", "windshield");
  }

  @Test
  void everyConceptRecordsItsRelationSynsetAndDepth() {
    List<Concept> cs = source.generate(List.of("zebra"));
    Concept hoof = cs.stream().filter(c -> c.text().equals("hoof")).findFirst().orElseThrow();
    assertThat(hoof.source()).isEqualTo("wordnet");
    assertThat(hoof.proposedBy()).isEqualTo("zebra");
    assertThat(hoof.metadata()).containsEntry("relation", "part-meronym").containsEntry("synset", "n02393701 zebra")
        .containsEntry("sense", "1").containsEntry("wordnet", "3.1").containsEntry("via", "n02373458 ungulate");
    assertThat(Integer.parseInt(hoof.metadata().get("depth"))).isGreaterThan(1);
    Concept red = source.generate(List.of("fire engine")).stream().filter(c -> c.text().equals("red")).findFirst().orElseThrow();
    assertThat(red.metadata()).containsEntry("relation", "named-colour").containsEntry("via", "n05023737 fieriness");
  }

  @Test
  void hintPicksTheSenseWhoseHypernymsContainIt() {
    WordNetConceptSource bird = new WordNetConceptSource(wordnet, WordNetConfig.defaults().withHint("bird"));
    WordNetConceptSource machine = new WordNetConceptSource(wordnet, WordNetConfig.defaults().withHint("device"));
    WordNetConceptSource.Sense b = bird.resolve("crane");
    WordNetConceptSource.Sense m = machine.resolve("crane");
    assertThat(b.synset().getGloss()).contains("wading bird");
    assertThat(m.synset().getGloss()).contains("lifts and moves heavy objects");
    assertThat(b.hintMatched()).isTrue();
    assertThat(b.number()).isNotEqualTo(m.number());
    assertThat(bird.generate(List.of("crane"))).extracting(Concept::text).contains("wing", "beak");
  }

  @Test
  void firstNounSenseIsTheDefault() {
    assertThat(source.resolve("goldfinch").synset().getGloss()).startsWith("American finch");
    assertThat(source.resolve("goldfinch").number()).isEqualTo(1);
  }

  @Test
  void pluralsUnderscoresAndUnknownModifiersResolve() {
    assertThat(source.resolve("zebras").lemma()).isEqualTo("zebra");
    assertThat(source.resolve("fire_engine").lemma()).isEqualTo("fire engine");
    // CUB-style name WordNet lacks: falls back to its known trailing words.
    assertThat(source.resolve("Black_footed_Albatross").lemma()).isEqualTo("albatross");
  }

  @Test
  void unknownClassesAreNamedTogether() {
    assertThatThrownBy(() -> source.generate(List.of("zebra", "qwxzy", "blorft")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"qwxzy\"").hasMessageContaining("\"blorft\"").hasMessageContaining("WordNet 3.1");
  }

  @Test
  void conceptsSharedByClassesAreKeptOnceListingBoth() {
    List<Concept> cs = source.generate(List.of("zebra", "penguin"));
    Concept tail = cs.stream().filter(c -> c.text().equals("tail")).findFirst().orElseThrow();
    assertThat(tail.proposingClasses()).containsExactly("zebra", "penguin");
    assertThat(cs.stream().map(Concept::text).distinct().count()).isEqualTo(cs.size());
  }

  @Test
  void relationsCanBeSwitchedOff() {
    WordNetConceptSource partsOnly = new WordNetConceptSource(wordnet,
        WordNetConfig.defaults().withGloss(false).withSuperclasses(false).withNamedColours(false).withAttributes(false));
    assertThat(partsOnly.generate(List.of("penguin"))).allSatisfy(c -> assertThat(c.metadata().get("relation")).endsWith("meronym"));
  }

  @Test
  void generationIsDeterministic() {
    assertThat(source.generate(List.of("zebra", "fire engine"))).isEqualTo(
        new WordNetConceptSource(wordnet, WordNetConfig.defaults()).generate(List.of("zebra", "fire engine")));
  }

  @Test
  void invalidConfigurationIsRejectedWithItsRange() {
    assertThatThrownBy(() -> WordNetConfig.defaults().withGlossDepth(9)).hasMessageContaining("glossDepth").hasMessageContaining("[0, 5]");
  }
}
