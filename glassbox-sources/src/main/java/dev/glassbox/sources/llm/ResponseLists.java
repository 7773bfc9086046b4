package dev.glassbox.sources.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an LLM answer into list items: numbered lists ({@code "1) …"}, {@code "2. …"}), bulleted
 * lists ({@code "- "}, {@code "* "}, {@code "• "}), and comma-separated lists on one line. A first
 * line without a marker is an item too, since LaBo's prompts end with {@code "1)"} and the model
 * continues after it. Items that run over several lines are joined.
 */
public final class ResponseLists {
  private static final Pattern NUMBERED = Pattern.compile("^\\s*\\(?(\\d{1,3})\\s*[.):]\\s*(.*)$");
  private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•·–—]|\\+)\\s*(.*)$");
  private static final Pattern INLINE_NUMBERS = Pattern.compile("(?:^|\\s)(\\d{1,2})\\)\\s+");

  private ResponseLists() {}

  public static List<String> items(String answer) {
    List<String> items = new ArrayList<>();
    if (answer == null) {
      return items;
    }
    String text = answer.replace("\r\n", "\n").replace('\r', '\n').strip();
    if (text.isEmpty()) {
      return items;
    }
    String[] lines = text.split("\n");
    boolean anyMarker = false;
    for (String l : lines) {
      if (NUMBERED.matcher(l).matches() || BULLET.matcher(l).matches() && !l.strip().isEmpty() && l.strip().length() > 1) {
        anyMarker = true;
        break;
      }
    }
    if (lines.length == 1) {
      // "1) … 2) … 3) …" on one line.
      Matcher m = INLINE_NUMBERS.matcher(text);
      if (m.find() && m.find()) {
        for (String part : INLINE_NUMBERS.split(text)) {
          addItem(items, part);
        }
        return items;
      }
    }
    if (!anyMarker && lines.length == 1) {
      if (text.contains(",")) {
        for (String part : text.split("[,;]")) {
          addItem(items, part.strip().replaceFirst("^(?:and|or)\\s+", ""));
        }
        return items;
      }
      addItem(items, text);
      return items;
    }
    StringBuilder cur = null;
    for (String l : lines) {
      if (l.isBlank()) {
        if (cur != null) {
          addItem(items, cur.toString());
          cur = null;
        }
        continue;
      }
      Matcher num = NUMBERED.matcher(l);
      Matcher bul = BULLET.matcher(l);
      String content = null;
      if (num.matches()) {
        content = num.group(2);
      } else if (bul.matches()) {
        content = bul.group(1);
      }
      if (content != null) {
        if (cur != null) {
          addItem(items, cur.toString());
        }
        cur = new StringBuilder(content);
      } else if (cur == null) {
        cur = new StringBuilder(l.strip());
      } else if (!anyMarker) {
        addItem(items, cur.toString());
        cur = new StringBuilder(l.strip());
      } else {
        cur.append(' ').append(l.strip());
      }
    }
    if (cur != null) {
      addItem(items, cur.toString());
    }
    return items;
  }

  private static void addItem(List<String> items, String s) {
    String t = s.strip();
    if (!t.isEmpty()) {
      items.add(t);
    }
  }
}
