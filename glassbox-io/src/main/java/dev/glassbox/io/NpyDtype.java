package dev.glassbox.io;

import java.nio.ByteOrder;
import java.nio.file.Path;

/** The element types Glassbox reads from and writes to {@code .npy} files. */
public enum NpyDtype {
  FLOAT32("f", 4),
  FLOAT16("f", 2),
  FLOAT64("f", 8),
  INT32("i", 4),
  INT64("i", 8),
  UINT8("u", 1);

  private final String kind;
  private final int size;

  NpyDtype(String kind, int size) {
    this.kind = kind;
    this.size = size;
  }

  public int size() {
    return size;
  }

  public boolean isFloat() {
    return kind.equals("f");
  }

  /** The little-endian descriptor written to headers. */
  public String descr() {
    return (size == 1 ? "|" : "<") + kind + size;
  }

  /** A parsed descriptor: the type and its byte order. */
  public record Parsed(NpyDtype type, ByteOrder order) {}

  static Parsed parseWithOrder(String descr, Path file) {
    if (descr.length() < 3) {
      throw new NpyFormatException(file, "has an unsupported dtype '" + descr + "'");
    }
    char o = descr.charAt(0);
    ByteOrder order = o == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    String k = descr.substring(1);
    NpyDtype t = switch (k) {
      case "f4" -> FLOAT32;
      case "f2" -> FLOAT16;
      case "f8" -> FLOAT64;
      case "i4" -> INT32;
      case "i8" -> INT64;
      case "u1" -> UINT8;
      default -> throw new NpyFormatException(file,
          "has dtype '" + descr + "'; Glassbox reads float32 ('<f4'), float16 ('<f2'), float64, int32, int64 and uint8");
    };
    return new Parsed(t, order);
  }
}
