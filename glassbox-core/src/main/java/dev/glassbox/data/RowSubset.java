package dev.glassbox.data;

import dev.glassbox.math.RowSource;

/** Rows {@code rows[i]} of another source, read on demand (runs of consecutive rows in one read). */
final class RowSubset implements RowSource {
  private final RowSource source;
  private final int[] rows;

  RowSubset(RowSource source, int[] rows) {
    this.source = source;
    this.rows = rows;
  }

  @Override
  public int rows() {
    return rows.length;
  }

  @Override
  public int cols() {
    return source.cols();
  }

  @Override
  public void readRows(int start, int count, float[] dst, int dstOffset) {
    int d = source.cols();
    int i = start;
    int end = start + count;
    while (i < end) {
      int run = 1;
      while (i + run < end && rows[i + run] == rows[i] + run) {
        run++;
      }
      source.readRows(rows[i], run, dst, dstOffset + (i - start) * d);
      i += run;
    }
  }
}
