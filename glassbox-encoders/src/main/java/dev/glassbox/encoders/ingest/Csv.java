package dev.glassbox.encoders.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of RFC 4180 CSV: comma-separated cells, double-quoted where they hold commas or quotes. */
final class Csv {
  private Csv() {}

  static List<String> parseLine(String line, Path file, int lineNo) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        wasQuoted = false;
      } else if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
        cell.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(file + " line " + lineNo + " has an unclosed quote: " + line);
    }
    cells.add(cell.toString());
    if (!cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
      cells.set(0, cells.get(0).substring(1));
    }
    return cells;
  }
}
