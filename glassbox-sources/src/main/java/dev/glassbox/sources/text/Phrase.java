package dev.glassbox.sources.text;

import java.util.List;

/**
 * A short concept phrase found in a sentence: modifiers followed by a head noun ("black wings"), or
 * an adjective phrase with no head ("black and white").
 *
 * @param modifiers the words before the head, in order (a coordination such as "black and white"
 *     is kept as one modifier)
 * @param head the head noun, with the place it is on when the sentence gives one ("spots on wings"),
 *     or null for an adjective phrase
 */
public record Phrase(List<String> modifiers, String head) {
  public Phrase {
    modifiers = List.copyOf(modifiers);
    if (head == null && modifiers.isEmpty()) {
      throw new IllegalArgumentException("a phrase needs a head or a modifier");
    }
  }

  public boolean hasHead() {
    return head != null;
  }

  /** The phrase as text, words separated by single spaces. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (String m : modifiers) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(m);
    }
    if (head != null) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(head);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
