package dev.glassbox.world;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG writer (8-bit RGB and 8-bit greyscale, no ancillary chunks). Written by hand
 * rather than through ImageIO so that the bytes depend only on the pixels and the JDK's zlib: no
 * writer plug-in choice, no metadata, no temporary cache files, and no global ImageIO state. Every
 * row uses the "Sub" filter, which suits both photographs-like RGB and flat label maps.
 */
public final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

  private PngEncoder() {}

  /** Encodes an RGB image (any type; alpha is dropped). */
  public static byte[] rgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] px = img.getType() == BufferedImage.TYPE_INT_RGB
        ? ((DataBufferInt) img.getRaster().getDataBuffer()).getData()
        : img.getRGB(0, 0, w, h, null, 0, w);
    byte[] raw = new byte[h * (1 + 3 * w)];
    int o = 0;
    for (int y = 0; y < h; y++) {
      raw[o++] = 1;
      int pr = 0;
      int pg = 0;
      int pb = 0;
      for (int x = 0; x < w; x++) {
        int v = px[y * w + x];
        int r = (v >> 16) & 0xFF;
        int g = (v >> 8) & 0xFF;
        int b = v & 0xFF;
        raw[o++] = (byte) (r - pr);
        raw[o++] = (byte) (g - pg);
        raw[o++] = (byte) (b - pb);
        pr = r;
        pg = g;
        pb = b;
      }
    }
    return png(w, h, 2, raw);
  }

  /** Encodes 8-bit grey values, row-major, {@code width × height}. */
  public static byte[] gray(int width, int height, byte[] values) {
    if (values.length != width * height) {
      throw new IllegalArgumentException("grey image of " + width + " × " + height + " needs " + width * height + " values, got " + values.length);
    }
    byte[] raw = new byte[height * (1 + width)];
    int o = 0;
    for (int y = 0; y < height; y++) {
      raw[o++] = 1;
      int prev = 0;
      for (int x = 0; x < width; x++) {
        int v = values[y * width + x] & 0xFF;
        raw[o++] = (byte) (v - prev);
        prev = v;
      }
    }
    return png(width, height, 0, raw);
  }

  private static byte[] png(int w, int h, int colorType, byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
    out.writeBytes(SIGNATURE);
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(w).putInt(h).put((byte) 8).put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    // Level 3: a quarter of level 6's time on these images for about 5% more bytes.
    Deflater d = new Deflater(3);
    try {
      d.setInput(raw);
      d.finish();
      ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length / 2 + 64);
      byte[] buf = new byte[1 << 15];
      while (!d.finished()) {
        int n = d.deflate(buf);
        z.write(buf, 0, n);
      }
      chunk(out, "IDAT", z.toByteArray());
    } finally {
      d.end();
    }
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
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
}
