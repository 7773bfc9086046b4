package dev.glassbox.cli.demo;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.sources.text.Phrase;
import dev.glassbox.sources.text.PhraseExtractor;
import dev.glassbox.world.FieldGuide;
import dev.glassbox.world.FieldGuideSentence;
import dev.glassbox.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Candidate concepts as a CBM pipeline would take them from an LLM's species descriptions: every
 * sentence of the world's field guide is cut into short phrases ({@link PhraseExtractor}, the
 * species' own name stripped), each recorded with the species that proposed it.
 *
 * <p>Because the field guide is generated, every phrase also carries its truth, which the demo's
 * metrics read and the pipeline never does: whether its sentence was a visual statement, and, when
 * the phrase renders one of the sentence's concept mentions (literally or as a paraphrase such as
 * "golden cap" for "yellow crown"), which world concept it names.
 */
public final class FieldGuideCandidates {
  /** What a candidate really is. */
  public enum Kind {
    /** A phrase naming one of the world's visual concepts. */
    VISUAL_CONCEPT,
    /** A phrase from a non-visual statement (song, habitat, diet, behaviour, …). */
    NON_VISUAL,
    /** A phrase from a visual sentence that names no concept ("both sexes", "good light"). */
    OTHER
  }

  /**
   * One candidate with its truth.
   *
   * @param concept the candidate as the pipeline sees it
   * @param kind what it really is
   * @param worldConcept the world concept it names, or -1
   * @param paraphrased whether it names that concept by a paraphrase
   */
  public record Candidate(Concept concept, Kind kind, int worldConcept, boolean paraphrased) {}

  private FieldGuideCandidates() {}

  /** The candidates of every species, first occurrence of each phrase kept. */
  public static List<Candidate> extract(World world, PhraseExtractor extractor) {
    FieldGuide guide = world.fieldGuide();
    Map<String, Candidate> out = new LinkedHashMap<>();
    Map<String, List<String>> proposers = new LinkedHashMap<>();
    List<String> names = world.speciesNames();
    for (int s = 0; s < names.size(); s++) {
      for (FieldGuideSentence sentence : guide.sentencesOf(s)) {
        for (Phrase p : extractor.phrases(sentence.text(), List.of(names.get(s)))) {
          String text = p.text().strip();
          if (text.isEmpty()) {
            continue;
          }
          List<String> by = proposers.computeIfAbsent(text, t -> new ArrayList<>());
          if (!by.contains(names.get(s))) {
            by.add(names.get(s));
          }
          if (out.containsKey(text)) {
            continue;
          }
          Kind kind = Kind.OTHER;
          int concept = -1;
          boolean paraphrased = false;
          if (!sentence.visual()) {
            kind = Kind.NON_VISUAL;
          } else {
            FieldGuideSentence.Mention m = match(text, sentence.mentions());
            if (m != null) {
              kind = Kind.VISUAL_CONCEPT;
              concept = m.concept();
              paraphrased = m.paraphrased();
            }
          }
          Map<String, String> meta = new LinkedHashMap<>();
          meta.put("sentence", sentence.text());
          meta.put("topic", String.valueOf(sentence.topic()));
          out.put(text, new Candidate(new Concept(text, "field-guide", names.get(s), meta), kind, concept, paraphrased));
        }
      }
    }
    List<Candidate> result = new ArrayList<>();
    for (Candidate c : out.values()) {
      Map<String, String> meta = new LinkedHashMap<>(c.concept().metadata());
      meta.put("classes", jsonList(proposers.get(c.concept().text())));
      Concept k = new Concept(c.concept().text(), c.concept().source(), c.concept().proposedBy(), meta);
      result.add(new Candidate(k, c.kind(), c.worldConcept(), c.paraphrased()));
    }
    return result;
  }

  /** Every species that proposed a phrase, as the JSON list concept sources record under {@code classes}. */
  static String jsonList(List<String> names) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(names.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append(']').toString();
  }

  /**
   * The mention a phrase renders: the same words, or one containing the other (the extractor may
   * drop or keep a determiner-like modifier such as "little").
   */
  static FieldGuideSentence.Mention match(String phrase, List<FieldGuideSentence.Mention> mentions) {
    String p = norm(phrase);
    for (FieldGuideSentence.Mention m : mentions) {
      if (norm(m.surface()).equals(p)) {
        return m;
      }
    }
    for (FieldGuideSentence.Mention m : mentions) {
      String s = norm(m.surface());
      if (s.contains(p) && p.contains(" ") || p.contains(s)) {
        return m;
      }
    }
    return null;
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("\\s+", " ").strip();
  }

  /** The candidates' concepts, in order. */
  public static ConceptSet conceptSet(List<Candidate> candidates) {
    List<Concept> cs = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      cs.add(c.concept());
    }
    return new ConceptSet(cs);
  }
}
