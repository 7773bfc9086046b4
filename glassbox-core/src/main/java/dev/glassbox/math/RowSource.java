package dev.glassbox.math;

/**
 * Rows of a float matrix that can be read a block at a time: an in-memory {@link FloatMatrix} or
 * a memory-mapped file larger than the heap. Stages that stream over many items read through this
 * interface so they never need the whole matrix in one array.
 */
public interface RowSource {
  int rows();

  int cols();

  /** Copies rows {@code [start, start + count)} into {@code dst} from {@code dstOffset}, row-major. */
  void readRows(int start, int count, float[] dst, int dstOffset);

  /** Reads the whole source into memory. */
  default FloatMatrix toMatrix() {
    if (this instanceof FloatMatrix m) {
      return m;
    }
    FloatMatrix m = FloatMatrix.zeros(rows(), cols());
    int block = Math.max(1, (1 << 22) / Math.max(1, cols()));
    for (int s = 0; s < rows(); s += block) {
      int n = Math.min(block, rows() - s);
      readRows(s, n, m.data(), s * cols());
    }
    return m;
  }
}
