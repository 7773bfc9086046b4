package dev.glassbox.sources.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.sources.wordnet.WordNet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  private static WordNet wordnet;

  @BeforeAll
  static void open() {
    wordnet = WordNet.open();
  }

  @AfterAll
  static void close() {
    wordnet.close();
  }

  @Test
  void bundledListHoldsTwentyThousandWordsInFrequencyOrder() {
    List<Vocabulary.Word> words = Vocabulary.subtlexWords();
    assertThat(words).hasSize(20_000);
    for (int i = 1; i < words.size(); i++) {
      assertThat(words.get(i).count()).isLessThanOrEqualTo(words.get(i - 1).count());
    }
    assertThat(words).extracting(Vocabulary.Word::text).allMatch(w -> w.matches("[a-z]{2,}")).contains("red", "zebra", "wheel");
  }

  @Test
  void nounsAndAdjectivesAreTaggedWithWordNetAndBigramsCombineThem() {
    Vocabulary v = Vocabulary.subtlex(wordnet.lexicon(), 2000, 500, 20, 30);
    List<String> nouns = v.entries().stream().filter(e -> e.kind() == Vocabulary.Kind.NOUN).map(Vocabulary.Entry::text).toList();
    List<String> adjectives = v.entries().stream().filter(e -> e.kind() == Vocabulary.Kind.ADJECTIVE).map(Vocabulary.Entry::text).toList();
    long bigrams = v.entries().stream().filter(e -> e.kind() == Vocabulary.Kind.BIGRAM).count();
    assertThat(nouns).contains("car", "dog", "water").doesNotContain("the", "you", "what");
    assertThat(adjectives).contains("red", "black", "small");
    assertThat(bigrams).isBetween(20L * 30 - 30, 20L * 30);
    assertThat(v.entries()).filteredOn(e -> e.kind() == Vocabulary.Kind.BIGRAM).first()
        .satisfies(e -> assertThat(e.text().split(" ")).hasSize(2));
    assertThat(v.licence()).contains("ISC").contains("SUBTLEX-US");
    // Singular and plural are one concept.
    assertThat(nouns.contains("cars") && nouns.contains("car")).isFalse();
  }
}
