package dev.glassbox.sources.file;

import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 reader: quoted fields may hold the delimiter, doubled quotes and line breaks. */
final class Csv {
  private Csv() {}

  /** A parsed record and the 1-based line it starts on. */
  record Row(int line, List<String> cells) {}

  static List<Row> parse(String text, char delimiter, String fileName) {
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int line = 1;
    int rowStart = 1;
    int i = 0;
    if (text.startsWith("\uFEFF")) {
      i = 1;
    }
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
        continue;
      }
      if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        cell.setLength(0);
      } else if (c == delimiter) {
        cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
        cell.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
        cell.setLength(0);
        wasQuoted = false;
        if (!(cells.size() == 1 && cells.get(0).isEmpty())) {
          rows.add(new Row(rowStart, List.copyOf(cells)));
        }
        cells.clear();
        line++;
        rowStart = line;
      } else if (wasQuoted) {
        if (!Character.isWhitespace(c)) {
          throw new IllegalArgumentException(
              fileName + " line " + line + ": text after a closing quote; a quoted field must end at the delimiter or the line end (write a quote inside a quoted field as \"\")");
        }
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(fileName + ": the quoted field that starts on line " + rowStart + " is never closed");
    }
    cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
    if (!(cells.size() == 1 && cells.get(0).isEmpty())) {
      rows.add(new Row(rowStart, List.copyOf(cells)));
    }
    return rows;
  }
}
