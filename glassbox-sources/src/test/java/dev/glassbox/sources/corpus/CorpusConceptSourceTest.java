package dev.glassbox.sources.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.sources.wordnet.WordNet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusConceptSourceTest {
  private static WordNet wordnet;
  private static Path corpus;

  @TempDir Path tmp;

  @BeforeAll
  static void open() throws URISyntaxException {
    wordnet = WordNet.open();
    corpus = Path.of(CorpusConceptSourceTest.class.getResource("/corpus").toURI());
  }

  @AfterAll
  static void close() {
    wordnet.close();
  }

  private static List<String> texts(List<Concept> cs, String cls) {
    return cs.stream().filter(c -> c.proposedBy().equals(cls)).map(Concept::text).toList();
  }

  @Test
  void retrievesEachClassesPassagesAndExtractsTheirPhrases() {
    try (CorpusConceptSource src = new CorpusConceptSource(corpus, CorpusConfig.defaults(), wordnet.lexicon())) {
      List<Concept> cs = src.generate(List.of("zebra", "goldfinch", "penguin", "fire engine"));
      assertThat(texts(cs, "zebra")).contains("black and white stripes", "upright mane", "tufted tail")
          .doesNotContain("tomato soup", "bright yellow body");
      assertThat(texts(cs, "goldfinch")).contains("bright yellow body", "black cap", "white wing bars");
      assertThat(texts(cs, "penguin")).contains("black back", "white belly", "stiff flippers", "webbed feet");
      assertThat(texts(cs, "fire engine")).contains("large red truck", "long extending ladder", "loud siren")
          .doesNotContain("sliding side doors");
      assertThat(cs).extracting(Concept::text).noneMatch(t -> t.contains("soup") || t.contains("zebra"));
    }
  }

  @Test
  void everyConceptRecordsItsDocumentPassageRankAndScore() {
    try (CorpusConceptSource src = new CorpusConceptSource(corpus, CorpusConfig.defaults(), wordnet.lexicon())) {
      Concept yellow = src.generate(List.of("goldfinch")).stream().filter(c -> c.text().equals("bright yellow body")).findFirst().orElseThrow();
      assertThat(yellow.source()).isEqualTo("corpus");
      assertThat(yellow.metadata()).containsEntry("document", "birds/goldfinch.txt").containsEntry("passage", "0")
          .containsEntry("rank", "1").containsEntry("query", "goldfinch");
      assertThat(Double.parseDouble(yellow.metadata().get("score"))).isPositive();
    }
  }

  @Test
  void passagesAreRankedByBm25WithTheClassDocumentFirst() {
    try (CorpusConceptSource src = new CorpusConceptSource(corpus, CorpusConfig.defaults().withSentencesPerPassage(2), wordnet.lexicon())) {
      List<Concept> cs = src.generate(List.of("zebra"));
      assertThat(cs).allSatisfy(c -> assertThat(c.metadata().get("document")).isEqualTo("zebra.md"));
      double previous = Double.MAX_VALUE;
      int previousRank = 0;
      for (Concept c : cs) {
        int rank = Integer.parseInt(c.metadata().get("rank"));
        double score = Double.parseDouble(c.metadata().get("score"));
        if (rank != previousRank) {
          assertThat(rank).isGreaterThan(previousRank);
          assertThat(score).isLessThanOrEqualTo(previous);
        }
        previous = score;
        previousRank = rank;
      }
    }
  }

  @Test
  void onlyTextAndMarkdownAreRead() {
    try (CorpusConceptSource src = new CorpusConceptSource(corpus, CorpusConfig.defaults(), wordnet.lexicon())) {
      assertThat(src.generate(List.of("document"))).isEmpty();
      assertThat(src.passageCount()).isGreaterThan(5);
    }
  }

  @Test
  void resultsAreDeterministic() {
    try (CorpusConceptSource a = new CorpusConceptSource(corpus, CorpusConfig.defaults(), wordnet.lexicon());
        CorpusConceptSource b = new CorpusConceptSource(corpus, CorpusConfig.defaults(), wordnet.lexicon())) {
      List<String> classes = List.of("penguin", "fire engine", "goldfinch");
      assertThat(a.generate(classes)).isEqualTo(b.generate(classes)).isEqualTo(a.generate(classes));
    }
  }

  @Test
  void queryTemplateShapesTheQuery() {
    try (CorpusConceptSource src = new CorpusConceptSource(corpus, CorpusConfig.defaults().withQueryTemplate("{} colour"), wordnet.lexicon())) {
      assertThat(src.generate(List.of("penguin"))).allSatisfy(c -> assertThat(c.metadata()).containsEntry("query", "penguin colour"));
    }
  }

  @Test
  void missingOrEmptyFolderIsNamed() throws IOException {
    try (CorpusConceptSource src = new CorpusConceptSource(tmp.resolve("nope"), CorpusConfig.defaults(), wordnet.lexicon())) {
      assertThatThrownBy(() -> src.generate(List.of("zebra"))).hasMessageContaining("nope");
    }
    Files.writeString(tmp.resolve("data.csv"), "x");
    try (CorpusConceptSource src = new CorpusConceptSource(tmp, CorpusConfig.defaults(), wordnet.lexicon())) {
      assertThatThrownBy(() -> src.generate(List.of("zebra"))).hasMessageContaining(tmp.toString())
          .hasMessageContaining(".txt").hasMessageContaining(".md");
    }
  }

  @Test
  void badClassListsAreRejected() {
    try (CorpusConceptSource src = new CorpusConceptSource(corpus, CorpusConfig.defaults(), wordnet.lexicon())) {
      assertThatThrownBy(() -> src.generate(List.of("zebra", " "))).hasMessageContaining("blank");
    }
  }

  @Test
  void sentencesSplitAtSentenceEndsAndMarkdownBlocks() {
    assertThat(Passages.sentences("# Title\n\nOne sentence. Two sentence! Three?\n- item one\n- item two", true))
        .containsExactly("Title", "One sentence.", "Two sentence!", "Three?", "item one", "item two");
    assertThat(Passages.sentences("See [the guide](http://x) for **bold** text.", true)).containsExactly("See the guide for bold text.");
    assertThat(Passages.passages(List.of("a", "b", "c", "d"), 3)).containsExactly(List.of("a", "b", "c"), List.of("d"));
  }
}
