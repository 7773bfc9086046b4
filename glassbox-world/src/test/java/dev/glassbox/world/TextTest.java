package dev.glassbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.world.FieldGuideSentence.Mention;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Captions and the field guide: canonical phrases versus paraphrases, and labelled sentences. */
class TextTest {
  private final World world = World.generate(WorldConfig.defaults().withImagesPerSpecies(10));

  private static boolean containsWords(String text, String words) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(words) + "(?![\\w-])", Pattern.CASE_INSENSITIVE).matcher(text).find();
  }

  @Test
  void captionsNameOnlyPresentConceptsByTheirCanonicalPhrases() {
    CaptionGenerator gen = world.captions();
    for (int i = 0; i < world.size(); i++) {
      int[] present = world.presentConcepts(i);
      for (Caption c : gen.captions(world, i, 4, 99)) {
        assertThat(c.concepts()).isNotEmpty().hasSizeLessThanOrEqualTo(CaptionGenerator.MAX_CONCEPTS + 1);
        for (int k : c.concepts()) {
          assertThat(present).as(c.text()).contains(k);
          assertThat(containsWords(c.text(), world.worldConcepts().get(k).phrase())).as(c.text()).isTrue();
        }
      }
    }
  }

  @Test
  void captionsNeverUseAParaphrase() {
    CaptionGenerator gen = world.captions();
    List<String> paraphrases = new ArrayList<>(Paraphrases.neverInCaptions());
    for (WorldConcept c : world.worldConcepts()) {
      paraphrases.addAll(Paraphrases.of(c));
    }
    for (int i = 0; i < world.size(); i++) {
      for (Caption c : gen.captions(world, i, 4, 5)) {
        for (String p : paraphrases) {
          assertThat(containsWords(c.text(), p)).as(c.text() + " uses " + p).isFalse();
        }
      }
    }
  }

  @Test
  void captionsAreSeededAndVaried() {
    CaptionGenerator gen = world.captions();
    List<String> a = gen.captions(world, 7, 20, 1).stream().map(Caption::text).toList();
    List<String> b = gen.captions(world, 7, 20, 1).stream().map(Caption::text).toList();
    List<String> c = gen.captions(world, 7, 20, 2).stream().map(Caption::text).toList();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    assertThat(new HashSet<>(a)).hasSizeGreaterThan(10);
    Set<String> openings = new HashSet<>();
    for (int i = 0; i < world.size(); i++) {
      gen.captions(world, i, 2, 3).forEach(x -> openings.add(x.text().split(" ")[0] + " " + x.text().split(" ")[1]));
    }
    assertThat(openings).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void captionsOfAnImageWithoutConceptsStillDescribeABird() {
    Caption c = world.captions().caption(new int[0], new SplittableRandom(1));
    assertThat(c.text()).isEqualTo("a photo of a bird");
    assertThat(c.concepts()).isEmpty();
  }

  @Test
  void everySpeciesHasSixOrMoreSentencesBothVisualAndNonVisual() {
    FieldGuide guide = world.fieldGuide();
    for (int s = 0; s < world.species().size(); s++) {
      List<FieldGuideSentence> ss = guide.sentencesOf(s);
      assertThat(ss).as(world.species().get(s).name()).hasSizeGreaterThanOrEqualTo(6);
      assertThat(ss.stream().filter(FieldGuideSentence::visual).count()).isGreaterThanOrEqualTo(3);
      assertThat(ss.stream().filter(x -> !x.visual()).count()).isGreaterThanOrEqualTo(3);
      assertThat(ss.stream().filter(FieldGuideSentence::namesSpecies).count()).isGreaterThanOrEqualTo(2);
      assertThat(guide.entry(s)).contains(world.species().get(s).name());
    }
  }

  @Test
  void fieldGuideLabelsAreTrue() {
    for (FieldGuideSentence x : world.fieldGuide().sentences()) {
      Species sp = world.species().get(x.species());
      assertThat(x.namesSpecies()).as(x.text()).isEqualTo(x.text().contains(sp.name()));
      assertThat(x.visual()).isEqualTo(x.topic() == null);
      for (Mention m : x.mentions()) {
        WorldConcept c = world.worldConcepts().get(m.concept());
        assertThat(sp.probability(c)).as(x.text() + " / " + c.phrase()).isGreaterThanOrEqualTo(FieldGuide.COMMON);
        assertThat(x.text()).as(m.surface()).contains(m.surface().split(" ")[0]);
        assertThat(m.paraphrased()).isEqualTo(!m.surface().equals(c.phrase()));
        if (m.paraphrased()) {
          assertThat(Paraphrases.of(c)).contains(m.surface());
        }
      }
    }
  }

  @Test
  void everyDefiningConceptIsDescribedInItsSpeciesEntry() {
    for (int s = 0; s < world.species().size(); s++) {
      Set<Integer> mentioned = new HashSet<>();
      world.fieldGuide().sentencesOf(s).forEach(x -> Arrays.stream(x.concepts()).forEach(mentioned::add));
      for (WorldConcept c : world.worldConcepts()) {
        if (world.species().get(s).probability(c) >= FieldGuide.DEFINING) {
          assertThat(mentioned).as(world.species().get(s).name() + " / " + c.phrase()).contains(c.index());
        }
      }
    }
  }

  @Test
  void aGoodShareOfVisualMentionsUsesParaphrases() {
    List<Mention> all = world.fieldGuide().sentences().stream().flatMap(x -> x.mentions().stream()).toList();
    long paraphrased = all.stream().filter(Mention::paraphrased).count();
    assertThat((double) paraphrased / all.size()).isBetween(0.3, 0.8);
  }

  @Test
  void nonVisualSentencesNameNoColourOrPattern() {
    Set<String> visualWords = new HashSet<>();
    for (WorldConcept c : world.worldConcepts()) {
      if (c.attribute().isColor() || c.attribute().key().endsWith("pattern")) {
        visualWords.add(c.modifier());
      }
    }
    visualWords.addAll(Arrays.asList(BirdColor.words()));
    for (String m : visualWords.toArray(new String[0])) {
      visualWords.addAll(Paraphrases.MODIFIERS.getOrDefault(m, List.of()));
    }
    for (Family f : Family.values()) {
      for (Family.Topic t : Family.Topic.values()) {
        assertThat(f.statements(t)).isNotEmpty();
        for (String st : f.statements(t)) {
          for (String w : visualWords) {
            assertThat(containsWords(st, w)).as(f + " " + t + ": " + st + " says " + w).isFalse();
          }
        }
      }
    }
  }

  @Test
  void everyParaphraseBringsAWordNoCanonicalPhraseUses() {
    Set<String> canonical = new HashSet<>();
    world.worldConcepts().forEach(c -> canonical.addAll(Arrays.asList(c.phrase().toLowerCase(Locale.ROOT).split(" "))));
    for (String p : Paraphrases.neverInCaptions()) {
      boolean fresh = Arrays.stream(p.toLowerCase(Locale.ROOT).split(" ")).anyMatch(w -> !canonical.contains(w));
      assertThat(fresh).as(p).isTrue();
    }
    assertThat(Paraphrases.of(ConceptCatalog.byPhrase("yellow crown"))).contains("golden crown", "yellow cap", "golden cap");
    assertThat(Paraphrases.of(ConceptCatalog.byPhrase("striped wings"))).contains("streaked wings");
  }
}
