package dev.glassbox.encoders.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's byte-level byte-pair-encoding tokenizer, in plain Java, reading the merges file that comes
 * with a CLIP model ({@code bpe_simple_vocab_16e6.txt.gz}).
 *
 * <p>The algorithm (Radford et al., "Learning Transferable Visual Models From Natural Language
 * Supervision", 2021, after Sennrich et al.'s BPE and GPT-2's byte-level variant):
 *
 * <ol>
 *   <li>Clean the text: unescape HTML character references twice, replace each run of white space
 *       by one space, strip both ends, lower-case.
 *   <li>Split it into pieces: the two special tokens, the contractions {@code 's 't 're 've 'm 'll
 *       'd}, runs of letters, single digits, and runs of anything else that is not white space.
 *   <li>Map each piece's UTF-8 bytes to printable characters (one per byte), mark the last one
 *       with {@code </w>}, and repeatedly merge the adjacent pair whose merge comes first in the
 *       merges file, every non-overlapping occurrence from left to right, until no pair has a merge.
 *   <li>Look each resulting symbol up in the vocabulary: the 256 byte characters, the same with
 *       {@code </w>}, one entry per merge (the first 48,894 after the header line) and
 *       {@code <|startoftext|>}, {@code <|endoftext|>}: 49,408 ids.
 * </ol>
 *
 * <p>{@link #ids(String)} adds the start and end tokens and truncates as CLIP's
 * {@code tokenize(..., truncate=True)} does: to the context length, with the end token kept as the
 * last id. {@link #batch} pads with {@link #padId()} (0 in CLIP).
 *
 * <p>Not reproduced: the reference's first cleaning step, {@code ftfy.fix_text}, which repairs
 * mojibake (text decoded with the wrong encoding). For text that was decoded correctly it is the
 * identity apart from rare normalisations (for example of some ligatures and curly quotes in HTML).
 *
 * <p>Instances are immutable apart from a bounded per-instance cache of tokenized words, and are
 * thread-safe.
 */
public final class ClipBpeTokenizer implements Tokenizer {
  /** Number of merges CLIP uses: {@code 49152 - 256 - 2}. */
  public static final int MERGE_COUNT = 48_894;
  /** Size of CLIP's vocabulary. */
  public static final int VOCAB_SIZE = 49_408;
  /** The context length of OpenAI's CLIP models. */
  public static final int DEFAULT_CONTEXT_LENGTH = 77;

  private static final String START = "<|startoftext|>";
  private static final String END = "<|endoftext|>";
  private static final String END_OF_WORD = "</w>";
  private static final int CACHE_LIMIT = 50_000;

  // Special tokens, contractions, letter runs, single digits, runs of other non-space characters.
  private static final Pattern PIECES = Pattern.compile(
      "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private final Map<String, Integer> vocabulary;
  private final Map<Long, Integer> mergeRanks;
  private final int[] mergedSymbol;
  private final int[] mergeLeft;
  private final int[] mergeRight;
  private final char[] byteChar;
  private final int[] byteSymbol;
  private final int[] byteSymbolEndOfWord;
  private final int startId;
  private final int endId;
  private final int contextLength;
  private final int padId;
  private final HtmlUnescaper html;
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

  private ClipBpeTokenizer(List<String[]> merges, int contextLength, int padId) {
    this.contextLength = contextLength;
    this.padId = padId;
    this.byteChar = byteCharacters();
    // The vocabulary in CLIP's order; a string listed twice keeps its last id, as a Python dict built
    // from the list does.
    // Byte characters come in the order of GPT-2's table: printable bytes first, then the others.
    List<String> byteSymbols = new ArrayList<>(256);
    for (int b = 0; b < 256; b++) {
      if (byteChar[b] == b) {
        byteSymbols.add(String.valueOf(byteChar[b]));
      }
    }
    for (int b = 0; b < 256; b++) {
      if (byteChar[b] != b) {
        byteSymbols.add(String.valueOf(byteChar[b]));
      }
    }
    List<String> vocab = new ArrayList<>(VOCAB_SIZE);
    vocab.addAll(byteSymbols);
    for (String c : byteSymbols) {
      vocab.add(c + END_OF_WORD);
    }
    for (String[] m : merges) {
      vocab.add(m[0] + m[1]);
    }
    vocab.add(START);
    vocab.add(END);
    vocabulary = new HashMap<>(vocab.size() * 2);
    for (int i = 0; i < vocab.size(); i++) {
      vocabulary.put(vocab.get(i), i);
    }
    byteSymbol = new int[256];
    byteSymbolEndOfWord = new int[256];
    for (int b = 0; b < 256; b++) {
      byteSymbol[b] = vocabulary.get(String.valueOf(byteChar[b]));
      byteSymbolEndOfWord[b] = vocabulary.get(byteChar[b] + END_OF_WORD);
    }
    mergeRanks = new HashMap<>(merges.size() * 2);
    mergedSymbol = new int[merges.size()];
    mergeLeft = new int[merges.size()];
    mergeRight = new int[merges.size()];
    for (int r = 0; r < merges.size(); r++) {
      String[] m = merges.get(r);
      Integer left = vocabulary.get(m[0]);
      Integer right = vocabulary.get(m[1]);
      if (left == null || right == null) {
        throw new IllegalArgumentException(
            "merge " + (r + 1) + " (\"" + m[0] + " " + m[1] + "\") joins a symbol that no earlier merge produces; "
                + "the merges file is not a CLIP BPE vocabulary");
      }
      mergeRanks.put(pairKey(left, right), r);
      mergedSymbol[r] = vocabulary.get(m[0] + m[1]);
      mergeLeft[r] = left;
      mergeRight[r] = right;
    }
    startId = vocabulary.get(START);
    endId = vocabulary.get(END);
    html = HtmlUnescaper.load();
  }

  /** Loads a merges file ({@code .txt.gz} or plain text) with CLIP's context length 77 and padding id 0. */
  public static ClipBpeTokenizer load(Path mergesFile) throws IOException {
    return load(mergesFile, DEFAULT_CONTEXT_LENGTH, 0);
  }

  /**
   * Loads a merges file ({@code .txt.gz} or plain text).
   *
   * @param contextLength tokens per text including start and end tokens, at least 2 (CLIP: 77)
   * @param padId id written into padding positions (CLIP: 0; some exports pad with the end token)
   */
  public static ClipBpeTokenizer load(Path mergesFile, int contextLength, int padId) throws IOException {
    if (!Files.isRegularFile(mergesFile)) {
      throw new NoSuchFileException(mergesFile.toString(), null, "the CLIP BPE merges file does not exist");
    }
    try (InputStream in = Files.newInputStream(mergesFile)) {
      return read(in, contextLength, padId, mergesFile.toString());
    }
  }

  /**
   * Reads a merges file from a stream ({@code .txt.gz} or plain text, detected from its first
   * bytes); the stream is not closed.
   */
  public static ClipBpeTokenizer read(InputStream in, int contextLength, int padId, String source) throws IOException {
    if (contextLength < 2) {
      throw new IllegalArgumentException("contextLength must be at least 2 (start and end tokens), got " + contextLength);
    }
    if (padId < 0 || padId >= VOCAB_SIZE) {
      throw new IllegalArgumentException("padId must be in [0, " + VOCAB_SIZE + "), got " + padId);
    }
    InputStream buffered = in.markSupported() ? in : new java.io.BufferedInputStream(in);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream text = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(buffered) : buffered;
    BufferedReader r = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8));
    String header = r.readLine();
    if (header == null) {
      throw new IOException(source + " is empty; expected CLIP's BPE merges file (bpe_simple_vocab_16e6.txt.gz)");
    }
    List<String[]> merges = new ArrayList<>(MERGE_COUNT);
    for (String line = r.readLine(); line != null && merges.size() < MERGE_COUNT; line = r.readLine()) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length != 2) {
        throw new IOException(
            source + " line " + (merges.size() + 2) + " should hold two symbols separated by a space, got \"" + line + "\"");
      }
      merges.add(parts);
    }
    if (merges.size() < MERGE_COUNT) {
      throw new IOException(
          source + " holds " + merges.size() + " merges after its header but CLIP uses " + MERGE_COUNT
              + "; the file is truncated or not CLIP's bpe_simple_vocab_16e6.txt.gz");
    }
    return new ClipBpeTokenizer(merges, contextLength, padId);
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public int padId() {
    return padId;
  }

  /** The id of {@code <|startoftext|>} (49406). */
  public int startId() {
    return startId;
  }

  /** The id of {@code <|endoftext|>} (49407). */
  public int endId() {
    return endId;
  }

  /** The text as CLIP's tokenizer sees it after cleaning: unescaped, white space collapsed, lower case. */
  public String clean(String text) {
    String s = html.unescape(html.unescape(text));
    s = stripPythonSpace(s);
    s = WHITE_SPACE.matcher(s).replaceAll(" ");
    s = stripPythonSpace(s);
    return s.toLowerCase(Locale.ROOT);
  }

  /** The BPE ids of {@code text} without start and end tokens, neither truncated nor padded. */
  public int[] bpeIds(String text) {
    Matcher m = PIECES.matcher(clean(text));
    int[] out = new int[16];
    int n = 0;
    while (m.find()) {
      int[] word = word(m.group());
      if (n + word.length > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, n + word.length));
      }
      System.arraycopy(word, 0, out, n, word.length);
      n += word.length;
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Start token, BPE ids, end token; longer than the context length it is cut to the context length
   * with the end token as the last id ({@code tokenize(..., truncate=True)}).
   */
  @Override
  public int[] ids(String text) {
    int[] bpe = bpeIds(text);
    int n = Math.min(bpe.length + 2, contextLength);
    int[] out = new int[n];
    out[0] = startId;
    System.arraycopy(bpe, 0, out, 1, n - 2);
    out[n - 1] = endId;
    return out;
  }

  private int[] word(String piece) {
    int[] cached = cache.get(piece);
    if (cached != null) {
      return cached;
    }
    int[] symbols;
    if (piece.equals(START)) {
      symbols = new int[] {startId};
    } else if (piece.equals(END)) {
      symbols = new int[] {endId};
    } else {
      symbols = merge(piece.getBytes(StandardCharsets.UTF_8));
    }
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(piece, symbols);
    return symbols;
  }

  /** Byte-pair merging of one piece's bytes into vocabulary ids. */
  private int[] merge(byte[] bytes) {
    int n = bytes.length;
    int[] word = new int[n];
    for (int i = 0; i < n - 1; i++) {
      word[i] = byteSymbol[bytes[i] & 0xff];
    }
    word[n - 1] = byteSymbolEndOfWord[bytes[n - 1] & 0xff];
    while (n > 1) {
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i < n - 1; i++) {
        Integer rank = mergeRanks.get(pairKey(word[i], word[i + 1]));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
        }
      }
      if (bestRank == Integer.MAX_VALUE) {
        break;
      }
      int left = mergeLeft[bestRank];
      int right = mergeRight[bestRank];
      int out = 0;
      for (int i = 0; i < n; ) {
        if (i < n - 1 && word[i] == left && word[i + 1] == right) {
          word[out++] = mergedSymbol[bestRank];
          i += 2;
        } else {
          word[out++] = word[i++];
        }
      }
      n = out;
    }
    return Arrays.copyOf(word, n);
  }

  private static long pairKey(int left, int right) {
    return ((long) left << 32) | (right & 0xffffffffL);
  }

  /** Python's {@code str.strip()}: removes leading and trailing characters that Python counts as space. */
  private static String stripPythonSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isPythonSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static boolean isPythonSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  /**
   * GPT-2's reversible byte → character table: printable Latin-1 bytes map to themselves, the other
   * 68 bytes to code points from 256 upwards in byte order, so that no byte maps to white space or a
   * control character.
   */
  private static char[] byteCharacters() {
    char[] table = new char[256];
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      table[b] = printable ? (char) b : (char) next++;
    }
    return table;
  }
}
