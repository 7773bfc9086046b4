package dev.glassbox.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): dtype, memory order,
 * shape and where the data starts.
 *
 * @param dtype the element type
 * @param order the byte order of the data
 * @param fortranOrder whether the data is column-major
 * @param shape dimensions
 * @param dataOffset byte offset of the first element
 */
public record NpyHeader(NpyDtype dtype, ByteOrder order, boolean fortranOrder, long[] shape, long dataOffset) {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  public long count() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  /** Reads and checks the header of {@code file} through {@code ch}. */
  static NpyHeader read(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, pre, 0);
    pre.flip();
    if (pre.remaining() < 10) {
      throw new NpyFormatException(file, "is too short to be a .npy file (" + size + " bytes)");
    }
    for (byte b : MAGIC) {
      if (pre.get() != b) {
        throw new NpyFormatException(file, "is not a .npy file (its first bytes are not \\x93NUMPY)");
      }
    }
    int major = pre.get() & 0xff;
    pre.get();
    long headerLen;
    int prefix;
    if (major == 1) {
      headerLen = pre.getShort() & 0xffff;
      prefix = 10;
    } else if (major == 2 || major == 3) {
      if (pre.remaining() < 4) {
        throw new NpyFormatException(file, "is truncated inside its header");
      }
      headerLen = pre.getInt() & 0xffffffffL;
      prefix = 12;
    } else {
      throw new NpyFormatException(file, "has .npy format version " + major + ".x; Glassbox reads versions 1, 2 and 3");
    }
    if (prefix + headerLen > size) {
      throw new NpyFormatException(file, "is truncated: its header needs " + (prefix + headerLen) + " bytes, the file has " + size);
    }
    ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
    readFully(ch, hb, prefix);
    String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new NpyFormatException(file, "has a malformed header: " + header.strip());
    }
    NpyDtype.Parsed parsed = NpyDtype.parseWithOrder(d.group(1), file);
    NpyDtype dtype = parsed.type();
    List<Long> dims = new ArrayList<>();
    for (String part : s.group(1).split(",")) {
      String p = part.strip();
      if (!p.isEmpty()) {
        try {
          dims.add(Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
        } catch (NumberFormatException e) {
          throw new NpyFormatException(file, "has a malformed shape (" + s.group(1) + ")");
        }
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    NpyHeader h = new NpyHeader(dtype, parsed.order(), "True".equals(f.group(1)), shape, prefix + headerLen);
    long need = h.dataOffset + h.count() * dtype.size();
    if (size < need) {
      throw new NpyFormatException(file, "is truncated: shape " + java.util.Arrays.toString(shape) + " of " + dtype.descr()
          + " needs " + need + " bytes, the file has " + size);
    }
    return h;
  }

  /** Encodes a version 1.0 header (2.0 when it does not fit), padded so the data is 64-byte aligned. */
  static byte[] encode(NpyDtype dtype, boolean fortran, long[] shape) {
    StringBuilder sb = new StringBuilder();
    sb.append("{'descr': '").append(dtype.descr()).append("', 'fortran_order': ").append(fortran ? "True" : "False").append(", 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      sb.append(shape[i]);
      if (shape.length == 1 || i < shape.length - 1) {
        sb.append(",");
        if (i < shape.length - 1) {
          sb.append(" ");
        }
      }
    }
    sb.append("), }");
    String dict = sb.toString();
    int prefix = 10;
    int total = prefix + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    boolean v2 = padded - prefix > 65535;
    if (v2) {
      prefix = 12;
      total = prefix + dict.length() + 1;
      padded = (total + 63) / 64 * 64;
    }
    int headerLen = padded - prefix;
    ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
    if (v2) {
      b.putInt(headerLen);
    } else {
      b.putShort((short) headerLen);
    }
    b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    while (b.position() < padded - 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int r = ch.read(b, pos);
      if (r < 0) {
        break;
      }
      pos += r;
    }
  }
}
