package dev.glassbox.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the text files users give (class lists, manifests, prompt templates, documents) as UTF-8,
 * strictly: a byte sequence that is not UTF-8 is an error naming the file, the line and the byte
 * (rather than the JDK's bare "Input length = 1"), and a leading byte-order mark, which editors on
 * Windows write, is dropped instead of becoming part of the first name.
 */
public final class TextFiles {
  private TextFiles() {}

  /**
   * The whole text of {@code file}, without a leading byte-order mark.
   *
   * @param what what the file is, for the error message (e.g. {@code "class list"})
   * @throws IllegalArgumentException when the file is not UTF-8 text
   */
  public static String readUtf8(Path file, String what) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      throw notUtf8(file, what, lineAt(bytes, in.position()), bytes[in.position()]);
    }
    dec.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * The lines of {@code file} as {@link #readUtf8} reads it, split at {@code \n}, {@code \r\n} or
   * {@code \r}; a final line break does not add an empty line (as {@link Files#readAllLines}).
   */
  public static List<String> readLines(Path file, String what) throws IOException {
    String text = readUtf8(file, what);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /**
   * The error for a file that is not UTF-8 text, for readers that stream it: they decode ahead of
   * the line they return, so they know only that the bad bytes lie at or after {@code line}.
   */
  public static IllegalArgumentException notUtf8(Path file, String what, int line) {
    return new IllegalArgumentException(what + " " + file + " is not UTF-8 text (bytes that are not UTF-8 at or after line " + line
        + "); save it as UTF-8, e.g. iconv -f latin1 -t utf-8 " + file.getFileName());
  }

  private static IllegalArgumentException notUtf8(Path file, String what, int line, byte b) {
    return new IllegalArgumentException(what + " " + file + " is not UTF-8 text: line " + line + " holds the byte 0x"
        + String.format(Locale.ROOT, "%02X", b & 0xff) + ", which UTF-8 does not allow there; save it as UTF-8, e.g. iconv -f latin1 -t utf-8 "
        + file.getFileName());
  }

  private static int lineAt(byte[] bytes, int pos) {
    int line = 1;
    for (int i = 0; i < pos; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
        line++;
      }
    }
    return line;
  }
}
