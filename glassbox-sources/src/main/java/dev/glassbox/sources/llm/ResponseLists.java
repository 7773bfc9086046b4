package dev.glassbox.sources.llm;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an LLM answer into list items: numbered lists ({@code "1) …"}, {@code "2. …"}), bulleted
 * lists ({@code "- "}, {@code "* "}, {@code "• "}), comma-separated lists on one line, and JSON
 * (an array of strings, or an object whose values are strings or arrays of strings), fenced in
 * {@code ```} or not. Items that run over several lines are joined.
 *
 * <p>Chat models wrap their lists in prose and markdown, none of which is an item: a line before the
 * list ("Here are the most important features for recognizing a robin:"), a paragraph after it
 * ("Let me know if you need anything else!"), headings, horizontal rules, code fences, and items
 * ending in {@code ':'} that introduce sub-items. The one unmarked line that is an item is LaBo's
 * continuation: its prompts end with {@code "1)"}, so the answer starts with the first item
 * unmarked and goes on at {@code "2)"}. Items keep their markdown emphasis, since whether an item's
 * head is bold says which part of it is the concept ({@code LlmConceptSource.cleanItem}); {@link
 * #withoutEmphasis} removes it.
 */
public final class ResponseLists {
  private static final Pattern NUMBERED = Pattern.compile("^\\s*\\(?(\\d{1,3})\\s*(?:\\)|[.:](?!\\d))\\s*(.*)$");
  // A '*' followed by another '*' opens bold text ("**Red breast**: …"), not a bullet.
  private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-•·–—+]|\\*(?!\\*))\\s*(.*)$");
  private static final Pattern INLINE_NUMBERS = Pattern.compile("(?:^|\\s)(\\d{1,2})\\)\\s+");
  private static final Pattern FENCE = Pattern.compile("^\\s*(?:```|~~~).*$");
  private static final Pattern HEADING = Pattern.compile("^\\s*#.*$");
  private static final Pattern RULE = Pattern.compile("^\\s*(?:(?:-\\s*){3,}|(?:\\*\\s*){3,}|(?:_\\s*){3,}|(?:=\\s*){3,})$");
  private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^\\s*(?:```|~~~)[^\\n]*\\n(.*?)^\\s*(?:```|~~~)\\s*$");
  private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{N}]");

  private static final Pattern BOLD = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
  private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?![\\w*])");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  // Models write JSON loosely (single quotes, a trailing comma); those answers are still lists.
  private static final ObjectReader JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_TRAILING_COMMA)
      .build().reader();

  private ResponseLists() {}

  private enum Kind { BLANK, MARKED, PLAIN }

  public static List<String> items(String answer) {
    List<String> items = new ArrayList<>();
    if (answer == null) {
      return items;
    }
    String text = answer.replace("\r\n", "\n").replace('\r', '\n').strip();
    if (text.isEmpty()) {
      return items;
    }
    List<String> json = jsonItems(text);
    if (json != null) {
      for (String s : json) {
        addItem(items, s);
      }
      return items;
    }
    String[] lines = text.split("\n");
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

    // Fences, headings and rules are layout: they end an item as a blank line does.
    Kind[] kinds = new Kind[lines.length];
    String[] contents = new String[lines.length];
    int firstMarked = -1;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isBlank() || FENCE.matcher(l).matches() || HEADING.matcher(l).matches() || RULE.matcher(l).matches()) {
        kinds[i] = Kind.BLANK;
        continue;
      }
      Matcher num = NUMBERED.matcher(l);
      Matcher bul = BULLET.matcher(l);
      if (num.matches()) {
        kinds[i] = Kind.MARKED;
        contents[i] = num.group(2);
      } else if (bul.matches() && l.strip().length() > 1) {
        kinds[i] = Kind.MARKED;
        contents[i] = bul.group(1);
      } else {
        kinds[i] = Kind.PLAIN;
        contents[i] = l.strip();
      }
      if (kinds[i] == Kind.MARKED && firstMarked < 0) {
        firstMarked = i;
      }
    }

    if (firstMarked < 0) {
      unmarked(lines.length, kinds, contents, items);
      return items;
    }

    Matcher firstNumber = NUMBERED.matcher(lines[firstMarked]);
    boolean laboContinuation = firstNumber.matches() && firstNumber.group(1).equals("2");
    StringBuilder cur = null;
    // After a blank line once the list has started, unmarked text is a closing remark.
    boolean remark = false;
    boolean afterBlank = false;
    for (int i = 0; i < lines.length; i++) {
      switch (kinds[i]) {
        case BLANK -> {
          cur = flush(items, cur);
          afterBlank = true;
        }
        case MARKED -> {
          cur = flush(items, cur);
          cur = new StringBuilder(contents[i]);
          remark = false;
          afterBlank = false;
        }
        case PLAIN -> {
          if (withoutEmphasis(contents[i]).endsWith(":")) {
            // A label such as "**Behaviour:**" starts a new group; it neither joins nor is an item.
            cur = flush(items, cur);
          } else if (i < firstMarked) {
            // Text before the list is a preamble, unless it is LaBo's unmarked first item.
            if (laboContinuation && !contents[i].endsWith(":")) {
              if (cur == null) {
                cur = new StringBuilder(contents[i]);
              } else {
                cur.append(' ').append(contents[i]);
              }
            }
          } else if (afterBlank || remark) {
            remark = true;
          } else if (cur != null && continues(lines[i])) {
            cur.append(' ').append(contents[i]);
          } else if (cur != null) {
            // Flush left and capitalised right under an item ("Hope this helps!"): a closing
            // remark without the blank line before it, not the item's wrapped text.
            cur = flush(items, cur);
            remark = true;
          }
          afterBlank = false;
        }
      }
    }
    flush(items, cur);
    return items;
  }

  /** Whether an unmarked line under an item wraps it: indented, or starting in lower case. */
  private static boolean continues(String line) {
    if (!line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
      return true;
    }
    String t = withoutEmphasis(line.strip());
    return !t.isEmpty() && !Character.isUpperCase(t.codePointAt(0));
  }

  /** Lines without any list marker: one comma-separated line, or one item per line. */
  private static void unmarked(int n, Kind[] kinds, String[] contents, List<String> items) {
    List<String> plain = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (kinds[i] == Kind.PLAIN) {
        plain.add(contents[i]);
      }
    }
    if (n == 1 && plain.size() == 1 && plain.get(0).contains(",")) {
      for (String part : plain.get(0).split("[,;]")) {
        addItem(items, part.strip().replaceFirst("^(?:and|or)\\s+", ""));
      }
      return;
    }
    for (String p : plain) {
      addItem(items, p);
    }
  }

  private static StringBuilder flush(List<String> items, StringBuilder cur) {
    if (cur != null) {
      addItem(items, cur.toString());
    }
    return null;
  }

  private static void addItem(List<String> items, String s) {
    String t = s.strip();
    // "Physical features:" introduces items without being one; "---" or "…" carries no concept.
    if (!t.isEmpty() && !withoutEmphasis(t).endsWith(":") && LETTER_OR_DIGIT.matcher(t).find()) {
      items.add(t);
    }
  }

  /**
   * The strings of a JSON answer (the whole answer, or the first fenced block in it): an array of
   * strings, or an object whose values are strings or arrays of strings. Null when the answer is
   * not such JSON, so it is read as lines.
   */
  private static List<String> jsonItems(String text) {
    List<String> candidates = new ArrayList<>();
    Matcher fenced = FENCED_BLOCK.matcher(text);
    if (fenced.find()) {
      candidates.add(fenced.group(1));
    }
    candidates.add(text);
    for (String c : candidates) {
      String s = c.strip();
      if (!(s.startsWith("[") || s.startsWith("{"))) {
        continue;
      }
      JsonNode root;
      try {
        root = JSON.readTree(s);
      } catch (IOException notJson) {
        continue;
      }
      List<String> out = new ArrayList<>();
      if (root != null && root.isArray() && strings(root, out)) {
        return out;
      }
      if (root != null && root.isObject()) {
        boolean ok = !root.isEmpty();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); ok && it.hasNext(); ) {
          JsonNode v = it.next().getValue();
          if (v.isTextual()) {
            out.add(v.asText());
          } else {
            ok = v.isArray() && strings(v, out);
          }
        }
        if (ok) {
          return out;
        }
      }
    }
    return null;
  }

  private static boolean strings(JsonNode array, List<String> out) {
    for (JsonNode e : array) {
      if (!e.isTextual()) {
        return false;
      }
      out.add(e.asText());
    }
    return true;
  }

  /** {@code text} without markdown emphasis: {@code **x**}, {@code __x__}, {@code *x*} and {@code `x`} become {@code x}. */
  public static String withoutEmphasis(String text) {
    String s = BOLD.matcher(text).replaceAll("$2");
    s = ITALIC.matcher(s).replaceAll("$1");
    return CODE.matcher(s).replaceAll("$1");
  }
}
