package dev.glassbox.io;

import dev.glassbox.math.RowSource;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A 2-d float32 or float16 {@code .npy} file read through memory maps: rows are decoded on demand,
 * so the file may be larger than the heap. C-order files map in row-aligned chunks of at most 1 GiB
 * (a single map is limited to 2 GiB); Fortran-order files are read column by column. Reads are
 * thread-safe (each uses absolute positions on its own duplicate of a map).
 */
public final class MappedNpy implements RowSource, AutoCloseable {
  private static final long CHUNK_BYTES = 1L << 30;

  private final Path file;
  private final FileChannel channel;
  private final NpyHeader header;
  private final int rows;
  private final int cols;
  private final List<MappedByteBuffer> chunks = new ArrayList<>();
  private final long rowsPerChunk;
  private final long valuesPerChunk;

  private MappedNpy(Path file, FileChannel channel, NpyHeader header, long chunkBytes) throws IOException {
    this.file = file;
    this.channel = channel;
    this.header = header;
    if (!header.dtype().isFloat()) {
      throw new NpyFormatException(file, "holds " + header.dtype().descr()
          + " values; expected float32 ('<f4'), float16 ('<f2') or float64 ('<f8', read as float32) embeddings");
    }
    long[] s = header.shape();
    if (s.length != 2) {
      throw new NpyFormatException(file, "has shape " + Arrays.toString(s) + "; expected a 2-d array (items × dimensions)");
    }
    if (s[0] == 0 || s[1] == 0) {
      throw new NpyFormatException(file, "has shape " + Arrays.toString(s) + "; expected at least one item and one dimension");
    }
    if (s[0] > Integer.MAX_VALUE || s[1] > Integer.MAX_VALUE) {
      throw new NpyFormatException(file, "has shape " + Arrays.toString(s) + ", beyond Glassbox's limit of 2^31 − 1 per dimension");
    }
    this.rows = (int) s[0];
    this.cols = (int) s[1];
    int es = header.dtype().size();
    // C order chunks hold whole rows; Fortran order chunks hold whole columns' runs of values.
    long unit = header.fortranOrder() ? 1 : Math.max(1, (long) cols);
    long unitsPerChunk = Math.max(1, chunkBytes / (unit * es));
    this.rowsPerChunk = header.fortranOrder() ? 0 : unitsPerChunk;
    this.valuesPerChunk = unitsPerChunk * unit;
    long total = (long) rows * cols;
    for (long start = 0; start < total; start += valuesPerChunk) {
      long n = Math.min(valuesPerChunk, total - start);
      MappedByteBuffer mb = channel.map(FileChannel.MapMode.READ_ONLY, header.dataOffset() + start * es, n * es);
      mb.order(header.order());
      chunks.add(mb);
    }
  }

  static MappedNpy open(Path file) throws IOException {
    return open(file, CHUNK_BYTES);
  }

  /** Opens with maps of at most {@code chunkBytes} each (tests use tiny chunks to cross map boundaries). */
  static MappedNpy open(Path file, long chunkBytes) throws IOException {
    FileChannel ch = Npy.open(file);
    try {
      return new MappedNpy(file, ch, NpyHeader.read(ch, file), chunkBytes);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  public NpyHeader header() {
    return header;
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

  @Override
  public void readRows(int start, int count, float[] dst, int dstOffset) {
    if (start < 0 || count < 0 || start + count > rows) {
      throw new IndexOutOfBoundsException("rows [" + start + ", " + (start + count) + ") of " + file + " (" + rows + " rows)");
    }
    int es = header.dtype().size();
    if (!header.fortranOrder()) {
      int r = start;
      int out = dstOffset;
      while (r < start + count) {
        int chunk = (int) (r / rowsPerChunk);
        long inChunk = r - chunk * rowsPerChunk;
        int take = (int) Math.min(start + count - r, rowsPerChunk - inChunk);
        decode(chunk, inChunk * cols, take * cols, dst, out, es);
        r += take;
        out += take * cols;
      }
    } else {
      for (int j = 0; j < cols; j++) {
        for (int r = start; r < start + count; r++) {
          long v = (long) j * rows + r;
          int chunk = (int) (v / valuesPerChunk);
          long idx = (v - chunk * valuesPerChunk) * es;
          MappedByteBuffer mb = chunks.get(chunk);
          dst[dstOffset + (r - start) * cols + j] = switch (header.dtype()) {
            case FLOAT32 -> mb.getFloat((int) idx);
            case FLOAT16 -> Half.toFloat(mb.getShort((int) idx));
            default -> (float) mb.getDouble((int) idx);
          };
        }
      }
    }
  }

  private void decode(int chunk, long valueOffset, int n, float[] dst, int off, int es) {
    java.nio.ByteBuffer b = chunks.get(chunk).duplicate().order(header.order());
    b.position((int) (valueOffset * es));
    b.limit((int) ((valueOffset + n) * es));
    Npy.decode(b, header.dtype(), dst, off, n);
  }

  @Override
  public void close() throws IOException {
    chunks.clear();
    channel.close();
  }
}
