package dev.glassbox.concepts;

import dev.glassbox.util.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a concept set from a text file with one concept per line. Blank lines and lines starting
 * with {@code #} are skipped; duplicates keep their first occurrence.
 */
public final class PlainTextConcepts {
  private PlainTextConcepts() {}

  public static ConceptSet read(Path file) throws IOException {
    List<String> lines = TextFiles.readLines(file, "concept list");
    List<String> texts = new ArrayList<>();
    for (String l : lines) {
      String s = l.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        texts.add(s);
      }
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("concept file " + file + " holds no concepts (expected one phrase per line)");
    }
    return ConceptSet.ofTexts(texts);
  }
}
