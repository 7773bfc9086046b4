package dev.glassbox.util;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for fingerprints and checksums. */
public final class Hashing {
  private Hashing() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  public static String sha256(String s) {
    return hex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** Feeds a string, length-prefixed so that concatenations cannot collide. */
  public static void update(MessageDigest md, String s) {
    byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    update(md, s == null ? -1 : b.length);
    md.update(b);
  }

  public static void update(MessageDigest md, long v) {
    md.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
  }

  /** Feeds float values as little-endian IEEE bits. */
  public static void update(MessageDigest md, float[] v, int off, int len) {
    ByteBuffer buf = ByteBuffer.allocate(Math.min(len, 1 << 16) * 4).order(ByteOrder.LITTLE_ENDIAN);
    int i = 0;
    while (i < len) {
      buf.clear();
      int n = Math.min(len - i, buf.capacity() / 4);
      buf.asFloatBuffer().put(v, off + i, n);
      md.update(buf.array(), 0, n * 4);
      i += n;
    }
  }
}
