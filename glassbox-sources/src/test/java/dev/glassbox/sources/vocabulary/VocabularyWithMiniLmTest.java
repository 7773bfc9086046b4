package dev.glassbox.sources.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.concepts.Concept;
import dev.glassbox.encoders.onnx.MiniLmTextEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.sources.wordnet.WordNet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vocabulary source end to end with the bundled sentence encoder. No image tower ships, so the
 * "unlabelled images" are sentence embeddings of short scene captions: a stand-in for images in a
 * shared space, enough to check that the ranking finds each class's own words.
 */
class VocabularyWithMiniLmTest {
  @Test
  void findsEachClassesOwnWordsAmongAFrequencyList() {
    List<String> captions = new ArrayList<>();
    for (String c : List.of(
        "a red fire truck with a ladder", "a fire engine parked at the fire station", "firefighters beside a red truck",
        "a red emergency vehicle with a siren", "a zebra with black and white stripes", "a striped zebra grazing on the grass",
        "zebras standing in the savanna", "a black and white striped horse", "a bowl of soup on a table",
        "a sailing boat on the sea", "a cup of coffee", "children playing football in a park")) {
      captions.add(c);
    }
    try (WordNet wn = WordNet.open();
        MiniLmTextEncoder enc = MiniLmTextEncoder.load(OnnxConfig.defaults().withIntraOpThreads(1), 32)) {
      Vocabulary v = Vocabulary.subtlex(wn.lexicon(), 700, 150, 0, 0);
      FloatMatrix pool = enc.encode(captions);
      VocabularyConfig cfg = VocabularyConfig.defaults().withImagesPerClass(4).withConceptsPerClass(8).withTopK(5);
      List<Concept> cs = new VocabularyConceptSource(v, enc, pool, cfg).generate(List.of("fire engine", "zebra"));
      List<String> fire = cs.stream().filter(c -> c.proposedBy().equals("fire engine")).map(Concept::text).toList();
      List<String> zebra = cs.stream().filter(c -> c.proposedBy().equals("zebra")).map(Concept::text).toList();
      System.out.println("fire engine: " + fire + "\nzebra: " + zebra);
      assertThat(fire).containsAnyOf("fire", "truck", "red", "firefighter", "siren", "ladder");
      assertThat(zebra).containsAnyOf("zebra", "stripes", "striped", "horse");
      assertThat(fire).doesNotContain("soup", "coffee", "boat");
    }
  }
}
