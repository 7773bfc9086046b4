package dev.glassbox.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hostile images for tests. */
final class BadImages {
  private BadImages() {}

  /**
   * A real decompression bomb: a valid grey PNG of {@code side × side} zero pixels, whose IDAT
   * inflates to {@code side² + side} bytes but is about a thousandth of that on the wire.
   */
  static byte[] bomb(int side) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    byte[] row = new byte[side + 1];
    byte[] buf = new byte[1 << 16];
    for (int y = 0; y < side; y++) {
      d.setInput(row);
      while (!d.needsInput()) {
        int n = d.deflate(buf);
        idat.write(buf, 0, n);
      }
    }
    d.finish();
    while (!d.finished()) {
      int n = d.deflate(buf);
      idat.write(buf, 0, n);
    }
    d.end();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0)
        .put((byte) 0);
    chunk(png, "IHDR", ihdr.array());
    chunk(png, "IDAT", idat.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** The first half of a valid PNG. */
  static byte[] truncatedPng() {
    byte[] full = Fixtures.png(96, 5);
    return java.util.Arrays.copyOf(full, full.length / 2);
  }
}
