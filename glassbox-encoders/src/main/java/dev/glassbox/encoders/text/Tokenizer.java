package dev.glassbox.encoders.text;

import java.util.List;

/**
 * Turns texts into the token ids a text tower reads.
 *
 * <p>A tokenizer has a fixed context length: {@link #ids(String)} returns at most that many ids,
 * special tokens included, truncating longer texts the way the model's reference tokenizer does.
 * {@link #batch(List, boolean)} pads rows with {@link #padId()} either to the context length (as
 * CLIP's {@code tokenize} does, and as graphs with a fixed sequence length need) or to the longest
 * row of the batch (as sentence-transformers does; results of masked models do not change).
 *
 * <p>Implementations are thread-safe. Those holding native memory release it in {@link #close()}.
 */
public interface Tokenizer extends AutoCloseable {

  /** Maximum number of tokens per text, special tokens included. */
  int contextLength();

  /** The id written into padding positions. */
  int padId();

  /** The ids of one text with the model's special tokens, truncated to {@link #contextLength()}. */
  int[] ids(String text);

  /**
   * Tokenizes {@code texts} and pads every row to the same length.
   *
   * @param padToContextLength true to pad to {@link #contextLength()}, false to pad to the longest row
   *     (at least 1)
   */
  default TokenBatch batch(List<String> texts, boolean padToContextLength) {
    int n = texts.size();
    int[][] rows = new int[n][];
    int longest = 1;
    for (int i = 0; i < n; i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new IllegalArgumentException("text " + i + " of the batch is null; pass an empty string for no text");
      }
      rows[i] = ids(text);
      longest = Math.max(longest, rows[i].length);
    }
    int length = padToContextLength ? contextLength() : longest;
    long[] ids = new long[n * length];
    long[] mask = new long[n * length];
    long pad = padId();
    for (int i = 0; i < n; i++) {
      int off = i * length;
      int[] row = rows[i];
      for (int j = 0; j < length; j++) {
        if (j < row.length) {
          ids[off + j] = row[j];
          mask[off + j] = 1;
        } else {
          ids[off + j] = pad;
        }
      }
    }
    return new TokenBatch(n, length, ids, mask);
  }

  @Override
  default void close() {}
}
