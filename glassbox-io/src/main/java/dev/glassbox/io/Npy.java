package dev.glassbox.io;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.RowSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads and writes NumPy {@code .npy} files: float32, float16 and float64 (read as float32), int32,
 * int64 and uint8; C and Fortran order; little- and big-endian. Whole-file reads return a C-order
 * {@link FloatMatrix}; {@link #map(Path)} reads files larger than the heap through memory maps.
 */
public final class Npy {
  private static final int CHUNK = 1 << 20;

  private Npy() {}

  /** Reads the header only. */
  public static NpyHeader header(Path file) throws IOException {
    try (FileChannel ch = open(file)) {
      return NpyHeader.read(ch, file);
    }
  }

  /**
   * Reads a 2-d (or 1-d, as one column) float array into memory in C order, converting float16
   * and float64 to float32.
   */
  public static FloatMatrix readMatrix(Path file) throws IOException {
    try (FileChannel ch = open(file)) {
      NpyHeader h = NpyHeader.read(ch, file);
      if (!h.dtype().isFloat()) {
        throw new NpyFormatException(file, "holds " + h.dtype().descr()
            + " values; expected float32 ('<f4'), float16 ('<f2') or float64 ('<f8', read as float32) embeddings");
      }
      long[] s = h.shape();
      if (s.length != 2 && s.length != 1) {
        throw new NpyFormatException(file, "has shape " + Arrays.toString(s) + "; expected a 2-d array (items × dimensions)");
      }
      long rows = s[0];
      long cols = s.length == 2 ? s[1] : 1;
      if (rows * cols > Integer.MAX_VALUE - 8) {
        throw new NpyFormatException(file, "has " + rows * cols + " values, more than fits in memory at once; read it with Npy.map");
      }
      float[] flat = readFloats(ch, h, (int) (rows * cols));
      FloatMatrix m = h.fortranOrder()
          ? FloatMatrix.wrap((int) cols, (int) rows, flat).transpose()
          : FloatMatrix.wrap((int) rows, (int) cols, flat);
      return m;
    }
  }

  /** Reads a 1-d integer array (int32, int64 or uint8) as longs. */
  public static long[] readLongs(Path file) throws IOException {
    try (FileChannel ch = open(file)) {
      NpyHeader h = NpyHeader.read(ch, file);
      if (h.dtype().isFloat()) {
        throw new NpyFormatException(file, "holds " + h.dtype().descr() + " values; expected integers");
      }
      if (h.shape().length != 1) {
        throw new NpyFormatException(file, "has shape " + Arrays.toString(h.shape()) + "; expected a 1-d array");
      }
      int n = (int) h.count();
      long[] out = new long[n];
      ByteBuffer b = ByteBuffer.allocate(Math.max(8, Math.min(CHUNK, n * h.dtype().size()))).order(h.order());
      long pos = h.dataOffset();
      int i = 0;
      while (i < n) {
        b.clear();
        int take = Math.min(n - i, b.capacity() / h.dtype().size());
        b.limit(take * h.dtype().size());
        NpyHeader.readFully(ch, b, pos);
        b.flip();
        for (int j = 0; j < take; j++) {
          out[i + j] = switch (h.dtype()) {
            case INT32 -> b.getInt();
            case INT64 -> b.getLong();
            case UINT8 -> b.get() & 0xff;
            default -> throw new IllegalStateException();
          };
        }
        pos += (long) take * h.dtype().size();
        i += take;
      }
      return out;
    }
  }

  private static float[] readFloats(FileChannel ch, NpyHeader h, int n) throws IOException {
    float[] out = new float[n];
    int es = h.dtype().size();
    ByteBuffer b = ByteBuffer.allocate(Math.max(es, Math.min(CHUNK, n * es))).order(h.order());
    long pos = h.dataOffset();
    int i = 0;
    while (i < n) {
      b.clear();
      int take = Math.min(n - i, b.capacity() / es);
      b.limit(take * es);
      NpyHeader.readFully(ch, b, pos);
      b.flip();
      decode(b, h.dtype(), out, i, take);
      pos += (long) take * es;
      i += take;
    }
    return out;
  }

  static void decode(ByteBuffer b, NpyDtype t, float[] out, int off, int n) {
    switch (t) {
      case FLOAT32 -> b.asFloatBuffer().get(out, off, n);
      case FLOAT16 -> {
        for (int j = 0; j < n; j++) {
          out[off + j] = Half.toFloat(b.getShort());
        }
      }
      case FLOAT64 -> {
        for (int j = 0; j < n; j++) {
          out[off + j] = (float) b.getDouble();
        }
      }
      default -> throw new IllegalStateException("not a float dtype: " + t);
    }
  }

  /** Writes {@code m} as a C-order float32 or float16 array, atomically (temp file, fsync, rename). */
  public static void write(Path file, FloatMatrix m, NpyDtype dtype) throws IOException {
    if (dtype != NpyDtype.FLOAT32 && dtype != NpyDtype.FLOAT16) {
      throw new IllegalArgumentException("Glassbox writes float32 or float16 .npy files, not " + dtype);
    }
    AtomicFiles.write(file, out -> {
      out.write(ByteBuffer.wrap(NpyHeader.encode(dtype, false, new long[] {m.rows(), m.cols()})));
      writeRows(out, m.data(), 0, m.data().length, dtype);
    });
  }

  /**
   * Writes the rows of {@code source} as a C-order float32 or float16 array, atomically, reading a
   * block of rows at a time so that sources larger than the heap (memory maps) stream through.
   */
  public static void write(Path file, RowSource source, NpyDtype dtype) throws IOException {
    if (source instanceof FloatMatrix m) {
      write(file, m, dtype);
      return;
    }
    if (dtype != NpyDtype.FLOAT32 && dtype != NpyDtype.FLOAT16) {
      throw new IllegalArgumentException("Glassbox writes float32 or float16 .npy files, not " + dtype);
    }
    int cols = source.cols();
    int block = Math.max(1, CHUNK / Math.max(1, cols));
    AtomicFiles.write(file, out -> {
      out.write(ByteBuffer.wrap(NpyHeader.encode(dtype, false, new long[] {source.rows(), cols})));
      float[] buf = new float[Math.min(block, Math.max(1, source.rows())) * cols];
      for (int s = 0; s < source.rows(); s += block) {
        int n = Math.min(block, source.rows() - s);
        source.readRows(s, n, buf, 0);
        writeRows(out, buf, 0, n * cols, dtype);
      }
    });
  }

  /** Writes a 1-d int64 array atomically. */
  public static void writeLongs(Path file, long[] v) throws IOException {
    AtomicFiles.write(file, out -> {
      out.write(ByteBuffer.wrap(NpyHeader.encode(NpyDtype.INT64, false, new long[] {v.length})));
      ByteBuffer b = ByteBuffer.allocate(Math.max(8, Math.min(CHUNK, v.length * 8))).order(ByteOrder.LITTLE_ENDIAN);
      int i = 0;
      while (i < v.length) {
        b.clear();
        int take = Math.min(v.length - i, b.capacity() / 8);
        for (int j = 0; j < take; j++) {
          b.putLong(v[i + j]);
        }
        b.flip();
        while (b.hasRemaining()) {
          out.write(b);
        }
        i += take;
      }
    });
  }

  static void writeRows(FileChannel out, float[] data, int off, int n, NpyDtype dtype) throws IOException {
    int es = dtype.size();
    ByteBuffer b = ByteBuffer.allocate(Math.max(es, Math.min(CHUNK, n * es))).order(ByteOrder.LITTLE_ENDIAN);
    int i = 0;
    while (i < n) {
      b.clear();
      int take = Math.min(n - i, b.capacity() / es);
      if (dtype == NpyDtype.FLOAT32) {
        b.asFloatBuffer().put(data, off + i, take);
        b.position(take * 4);
      } else {
        for (int j = 0; j < take; j++) {
          b.putShort(Half.fromFloat(data[off + i + j]));
        }
      }
      b.flip();
      while (b.hasRemaining()) {
        out.write(b);
      }
      i += take;
    }
  }

  /**
   * Opens a 2-d float32/float16 array for block reads through memory maps, without reading it into
   * the heap; works for files larger than the heap. Close it to release the maps.
   */
  public static MappedNpy map(Path file) throws IOException {
    return MappedNpy.open(file);
  }

  static FileChannel open(Path file) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
  }

  /** True when {@code file} starts with the .npy magic. */
  public static boolean looksLikeNpy(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) < 6) {
      return false;
    }
    try (FileChannel ch = open(file)) {
      ByteBuffer b = ByteBuffer.allocate(6);
      NpyHeader.readFully(ch, b, 0);
      return Arrays.equals(b.array(), NpyHeader.MAGIC);
    }
  }
}
