package dev.glassbox.math;

import java.util.Arrays;

/**
 * A dense row-major matrix of floats: element (r, c) is {@code data[r * cols + c]}.
 *
 * <p>The array is owned by the matrix: constructors do not copy it, so a caller that hands an
 * array to a matrix must not modify it afterwards. Library code never mutates a matrix it did not
 * create; methods that derive a new matrix return a new one.
 */
public final class FloatMatrix implements RowSource {
  private final int rows;
  private final int cols;
  private final float[] data;

  private FloatMatrix(int rows, int cols, float[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** Wraps {@code data} (not copied) as a {@code rows × cols} row-major matrix. */
  public static FloatMatrix wrap(int rows, int cols, float[] data) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + " × " + cols);
    }
    if ((long) rows * cols != data.length) {
      throw new IllegalArgumentException(
          "a " + rows + " × " + cols + " matrix needs " + ((long) rows * cols) + " values, got " + data.length);
    }
    return new FloatMatrix(rows, cols, data);
  }

  /** A new zero matrix. */
  public static FloatMatrix zeros(int rows, int cols) {
    long n = (long) rows * cols;
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a " + rows + " × " + cols + " matrix has " + n + " values, more than one Java array holds; process it in row blocks");
    }
    return new FloatMatrix(rows, cols, new float[(int) n]);
  }

  /** A matrix from nested rows (copied); all rows must have the same length. */
  public static FloatMatrix of(float[][] rowsData) {
    int r = rowsData.length;
    int c = r == 0 ? 0 : rowsData[0].length;
    float[] d = new float[r * c];
    for (int i = 0; i < r; i++) {
      if (rowsData[i].length != c) {
        throw new IllegalArgumentException("row " + i + " has " + rowsData[i].length + " values, expected " + c);
      }
      System.arraycopy(rowsData[i], 0, d, i * c, c);
    }
    return new FloatMatrix(r, c, d);
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  /** The backing row-major array (not a copy). */
  public float[] data() {
    return data;
  }

  public float get(int r, int c) {
    return data[r * cols + c];
  }

  public void set(int r, int c, float v) {
    data[r * cols + c] = v;
  }

  /** A copy of row {@code r}. */
  public float[] row(int r) {
    return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
  }

  /** A copy of column {@code c}. */
  public float[] column(int c) {
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = data[r * cols + c];
    }
    return out;
  }

  @Override
  public void readRows(int start, int count, float[] dst, int dstOffset) {
    System.arraycopy(data, start * cols, dst, dstOffset, count * cols);
  }

  public FloatMatrix copy() {
    return new FloatMatrix(rows, cols, data.clone());
  }

  public FloatMatrix transpose() {
    float[] t = new float[data.length];
    final int block = 64;
    for (int r0 = 0; r0 < rows; r0 += block) {
      int r1 = Math.min(rows, r0 + block);
      for (int c0 = 0; c0 < cols; c0 += block) {
        int c1 = Math.min(cols, c0 + block);
        for (int r = r0; r < r1; r++) {
          int base = r * cols;
          for (int c = c0; c < c1; c++) {
            t[c * rows + r] = data[base + c];
          }
        }
      }
    }
    return new FloatMatrix(cols, rows, t);
  }

  /** The rows at {@code indices}, in that order. */
  public FloatMatrix selectRows(int[] indices) {
    float[] out = new float[indices.length * cols];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(data, indices[i] * cols, out, i * cols, cols);
    }
    return new FloatMatrix(indices.length, cols, out);
  }

  /** The columns at {@code indices}, in that order. */
  public FloatMatrix selectColumns(int[] indices) {
    float[] out = new float[rows * indices.length];
    for (int r = 0; r < rows; r++) {
      int src = r * cols;
      int dst = r * indices.length;
      for (int j = 0; j < indices.length; j++) {
        out[dst + j] = data[src + indices[j]];
      }
    }
    return new FloatMatrix(rows, indices.length, out);
  }

  /** Rows {@code [start, end)} as a new matrix. */
  public FloatMatrix rowRange(int start, int end) {
    return new FloatMatrix(end - start, cols, Arrays.copyOfRange(data, start * cols, end * cols));
  }

  /** The index of the first NaN or infinite value, or -1. */
  public long firstNonFinite() {
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        return i;
      }
    }
    return -1;
  }

  public String shape() {
    return rows + " × " + cols;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatMatrix[" + shape() + "]";
  }
}
