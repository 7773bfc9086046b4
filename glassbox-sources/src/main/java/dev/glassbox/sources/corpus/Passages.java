package dev.glassbox.sources.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits documents into sentences and passages of consecutive sentences. */
final class Passages {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])[\"')\\]]*\\s+(?=[\"'(\\[]*[A-Z0-9])");
  private static final Pattern MD_LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern MD_MARKUP = Pattern.compile("[*_`~]+|^\\s*(?:#{1,6}|>|[-*+]|\\d+[.)])\\s+", Pattern.MULTILINE);

  private Passages() {}

  /** The sentences of a text: blocks (paragraphs, headings, list items) split at sentence ends. */
  static List<String> sentences(String text, boolean markdown) {
    String t = text.replace("\r\n", "\n").replace('\r', '\n');
    List<String> out = new ArrayList<>();
    for (String block : t.split("\n\\s*\n")) {
      List<String> lines = new ArrayList<>();
      for (String line : block.split("\n")) {
        String l = markdown ? MD_MARKUP.matcher(MD_LINK.matcher(line).replaceAll("$1")).replaceAll("") : line;
        // A heading or list item is a unit of its own; ordinary lines of a paragraph join.
        boolean unit = markdown && (line.stripLeading().startsWith("#") || line.stripLeading().matches("^(?:[-*+]|\\d+[.)])\\s+.*"));
        if (unit) {
          addSentences(out, String.join(" ", lines));
          lines.clear();
          addSentences(out, l);
        } else {
          lines.add(l.strip());
        }
      }
      addSentences(out, String.join(" ", lines));
    }
    return out;
  }

  private static void addSentences(List<String> out, String block) {
    String b = block.replaceAll("\\s+", " ").strip();
    if (b.isEmpty()) {
      return;
    }
    for (String s : SENTENCE_END.split(b)) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
  }

  /** Consecutive groups of {@code size} sentences (the last may be shorter). */
  static List<List<String>> passages(List<String> sentences, int size) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i += size) {
      out.add(List.copyOf(sentences.subList(i, Math.min(sentences.size(), i + size))));
    }
    return out;
  }
}
