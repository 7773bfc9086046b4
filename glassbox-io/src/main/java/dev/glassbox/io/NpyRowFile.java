package dev.glassbox.io;

import dev.glassbox.math.RowSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A pre-sized C-order float32 {@code .npy} file whose rows are written in place, in any order, and
 * forced to disk on request: the row storage of a resumable job. A row that was never written reads
 * as zeros. The file is a valid {@code .npy} from the moment it is created, so a crashed job leaves
 * a file that can be reopened and checked.
 *
 * <p>Not thread-safe for writes: one writer thread; reads use positional I/O and may run alongside.
 */
public final class NpyRowFile implements RowSource, AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final int rows;
  private final int cols;
  private final long dataOffset;
  private ByteBuffer scratch = ByteBuffer.allocate(0);

  private NpyRowFile(Path file, FileChannel channel, int rows, int cols, long dataOffset) {
    this.file = file;
    this.channel = channel;
    this.rows = rows;
    this.cols = cols;
    this.dataOffset = dataOffset;
  }

  /** Creates (or truncates) {@code file} as a zero-filled {@code [rows × cols]} float32 array and forces it to disk. */
  public static NpyRowFile create(Path file, int rows, int cols) throws IOException {
    if (rows < 0 || cols < 1) {
      throw new IllegalArgumentException("an .npy row file needs rows ≥ 0 and cols ≥ 1, got " + rows + " × " + cols);
    }
    byte[] header = NpyHeader.encode(NpyDtype.FLOAT32, false, new long[] {rows, cols});
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ByteBuffer h = ByteBuffer.wrap(header);
      while (h.hasRemaining()) {
        ch.write(h, h.position());
      }
      long size = header.length + (long) rows * cols * 4;
      if (size > header.length) {
        // Writing the last byte sizes the file (sparse where the file system allows).
        ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
      }
      ch.force(true);
      return new NpyRowFile(file, ch, rows, cols, header.length);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Reopens a file made by {@link #create} for more writes, checking that it is a C-order float32
   * array of the expected shape.
   */
  public static NpyRowFile open(Path file, int rows, int cols) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      NpyHeader h = NpyHeader.read(ch, file);
      if (h.dtype() != NpyDtype.FLOAT32 || h.fortranOrder() || h.order() != ByteOrder.LITTLE_ENDIAN
          || !Arrays.equals(h.shape(), new long[] {rows, cols})) {
        throw new NpyFormatException(file, "holds " + h.dtype().descr() + (h.fortranOrder() ? " (Fortran order)" : "") + " of shape "
            + Arrays.toString(h.shape()) + "; expected little-endian float32 of shape [" + rows + ", " + cols + "]");
      }
      return new NpyRowFile(file, ch, rows, cols, h.dataOffset());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  /** Writes {@code count} rows from {@code src[offset ..]} at rows {@code [row, row + count)}. */
  public void writeRows(int row, float[] src, int offset, int count) throws IOException {
    if (row < 0 || count < 0 || row + count > rows) {
      throw new IndexOutOfBoundsException("rows [" + row + ", " + (row + count) + ") of " + file + " (" + rows + " rows)");
    }
    int bytes = count * cols * 4;
    if (scratch.capacity() < bytes) {
      scratch = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
    scratch.clear();
    scratch.asFloatBuffer().put(src, offset, count * cols);
    scratch.limit(bytes);
    long pos = dataOffset + (long) row * cols * 4;
    while (scratch.hasRemaining()) {
      pos += channel.write(scratch, pos);
    }
  }

  /** Forces every write so far to disk. */
  public void force() throws IOException {
    channel.force(false);
  }

  @Override
  public void readRows(int start, int count, float[] dst, int dstOffset) {
    if (start < 0 || count < 0 || start + count > rows) {
      throw new IndexOutOfBoundsException("rows [" + start + ", " + (start + count) + ") of " + file + " (" + rows + " rows)");
    }
    ByteBuffer b = ByteBuffer.allocate(count * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
    try {
      NpyHeader.readFully(channel, b, dataOffset + (long) start * cols * 4);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read rows of " + file + ": " + e.getMessage(), e);
    }
    b.flip();
    b.asFloatBuffer().get(dst, dstOffset, count * cols);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
