package dev.glassbox.encoders.text;

/**
 * Token ids and attention mask of a batch of texts, padded to one length.
 *
 * <p>Both arrays are row-major {@code [size × length]}; row {@code i} holds text {@code i}. The
 * mask is 1 for a real token (special tokens included) and 0 for padding. Values are {@code long}
 * because transformer graphs take {@code int64} ids; a graph that wants {@code int32} gets a copy.
 *
 * @param size number of texts
 * @param length tokens per row after padding
 * @param ids {@code [size × length]} token ids
 * @param attentionMask {@code [size × length]} 1 for tokens, 0 for padding
 */
public record TokenBatch(int size, int length, long[] ids, long[] attentionMask) {
  public TokenBatch {
    if (size < 0 || length < 0) {
      throw new IllegalArgumentException("a token batch needs a non-negative shape, got " + size + " × " + length);
    }
    if (ids.length != (long) size * length || attentionMask.length != (long) size * length) {
      throw new IllegalArgumentException(
          "a " + size + " × " + length + " token batch needs " + ((long) size * length) + " ids and mask values, got "
              + ids.length + " and " + attentionMask.length);
    }
  }

  /** Number of real (unpadded) tokens in row {@code row}. */
  public int tokenCount(int row) {
    int n = 0;
    int off = row * length;
    for (int j = 0; j < length; j++) {
      n += (int) attentionMask[off + j];
    }
    return n;
  }

  /** The ids of row {@code row} without padding. */
  public long[] row(int row) {
    long[] out = new long[tokenCount(row)];
    int off = row * length;
    int k = 0;
    for (int j = 0; j < length && k < out.length; j++) {
      if (attentionMask[off + j] != 0) {
        out[k++] = ids[off + j];
      }
    }
    return out;
  }
}
