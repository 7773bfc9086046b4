package dev.glassbox.world.tower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.world.ConceptCatalog;
import dev.glassbox.world.Paraphrases;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConfig;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The captions the world's image tower is trained with: canonical, true, and balanced. */
class ImageTowerCaptionsTest {
  static World small() {
    return World.generate(WorldConfig.defaults().withSeed(5).withSpecies(6).withImagesPerSpecies(8));
  }

  @Test
  void trainingCaptionsNeverUseAParaphraseWord() {
    ImageTowerTrainer t = new ImageTowerTrainer(ImageTowerTrainingConfig.defaults());
    ImageTowerTrainer.CaptionTable table = t.trainCaptions(small());
    for (String word : Paraphrases.neverInCaptions()) {
      Pattern p = Pattern.compile("(^|[^a-z-])" + Pattern.quote(word.toLowerCase()) + "($|[^a-z-])");
      for (String text : table.texts()) {
        assertThat(p.matcher(text.toLowerCase()).find()).as("\"%s\" in \"%s\"", word, text).isFalse();
      }
    }
  }

  @Test
  void everyPhraseCaptionNamesAPresentConceptAndHalfTheDrawsArePhrases() {
    World w = small();
    ImageTowerTrainer t = new ImageTowerTrainer(ImageTowerTrainingConfig.defaults());
    ImageTowerTrainer.CaptionTable table = t.trainCaptions(w);
    Set<String> phrases = new HashSet<>();
    ConceptCatalog.all().forEach(c -> phrases.add(c.phrase()));
    for (int i = 0; i < w.size(); i++) {
      int[] present = w.presentConcepts(i);
      Set<String> presentPhrases = new HashSet<>();
      Arrays.stream(present).forEach(k -> presentPhrases.add(ConceptCatalog.all().get(k).phrase()));
      int phraseDraws = 0;
      Set<String> sentences = new HashSet<>();
      for (int id : table.perImage()[i]) {
        String text = table.texts().get(id);
        if (phrases.contains(text)) {
          assertThat(presentPhrases).contains(text);
          phraseDraws++;
        } else {
          sentences.add(text);
        }
      }
      assertThat(phraseDraws * 2).isEqualTo(table.perImage()[i].length);
      assertThat(sentences).hasSizeBetween(1, 3);
    }
  }

  @Test
  void withoutPhraseCaptionsEachImageHasItsSentencesOnly() {
    World w = small();
    ImageTowerTrainer t = new ImageTowerTrainer(ImageTowerTrainingConfig.defaults().withPhraseCaptions(false).withSentenceCaptions(2));
    ImageTowerTrainer.CaptionTable table = t.trainCaptions(w);
    for (int[] ids : table.perImage()) {
      assertThat(ids).hasSize(2);
    }
  }

  @Test
  void heldOutImagesLeadWithOneSentenceThenTheirPhrases() {
    World w = small();
    ImageTowerTrainer.CaptionTable table = new ImageTowerTrainer(ImageTowerTrainingConfig.defaults()).heldOutCaptions(w);
    for (int i = 0; i < w.size(); i++) {
      int[] ids = table.perImage()[i];
      assertThat(ids).hasSize(1 + w.presentConcepts(i).length);
      assertThat(table.texts().get(ids[0])).contains(" ");
      assertThat(table.texts().get(ids[1])).isEqualTo(ConceptCatalog.all().get(w.presentConcepts(i)[0]).phrase());
    }
  }

  @Test
  void theHeldOutWorldMustDifferFromTheTrainingWorld() {
    ImageTowerTrainingConfig d = ImageTowerTrainingConfig.defaults();
    assertThatThrownBy(() -> d.withHeldOutWorld(d.heldOutWorld().withSeed(d.trainWorld().seed())))
        .hasMessage("the training and held-out worlds have the same seed 1001; give the held-out world its own seed so that its images are new");
    assertThatThrownBy(() -> d.withTrainWorld(d.trainWorld().withImageSize(64)))
        .hasMessage("the worlds draw 64 and 128-pixel images but the network takes 128; use the same size");
    assertThat(d.trainWorld().seed()).isNotEqualTo(WorldConfig.defaults().seed());
  }
}
