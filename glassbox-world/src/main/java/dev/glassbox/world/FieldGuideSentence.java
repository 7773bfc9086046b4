package dev.glassbox.world;

import java.util.List;

/**
 * One sentence of the field guide with its ground truth.
 *
 * @param species index of the species it describes
 * @param text the sentence
 * @param mentions the visual concepts it expresses and how (canonical phrase or paraphrase); empty
 *     for non-visual sentences
 * @param visual true when the sentence describes what the bird looks like; false for song,
 *     habitat, diet, behaviour, migration and nesting
 * @param namesSpecies true when the text contains the species' own name
 * @param topic the non-visual topic, or null for visual sentences
 */
public record FieldGuideSentence(int species, String text, List<Mention> mentions, boolean visual, boolean namesSpecies, Family.Topic topic) {
  public FieldGuideSentence {
    mentions = List.copyOf(mentions);
    if (visual == mentions.isEmpty()) {
      throw new IllegalArgumentException("a visual sentence needs mentions and a non-visual one has none: " + text);
    }
  }

  /**
   * How a sentence expresses one concept.
   *
   * @param concept index of the concept
   * @param surface the words used ("golden cap", "yellow crown", "tiny")
   * @param paraphrased true when the words differ from the canonical phrase
   */
  public record Mention(int concept, String surface, boolean paraphrased) {}

  /** The concepts the sentence expresses, in order of mention. */
  public int[] concepts() {
    return mentions.stream().mapToInt(Mention::concept).toArray();
  }
}
