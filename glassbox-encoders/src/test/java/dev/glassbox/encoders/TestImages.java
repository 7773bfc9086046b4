package dev.glassbox.encoders;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Seeded test images: smooth colour fields per class, and the broken files an ingestion job must survive. */
public final class TestImages {
  private TestImages() {}

  /**
   * An RGB image of {@code w × h}: a gradient whose colour depends on {@code seed}, with noise, so
   * that classes differ and files compress like photos.
   */
  public static BufferedImage image(int w, int h, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int r0 = rnd.nextInt(256);
    int g0 = rnd.nextInt(256);
    int b0 = rnd.nextInt(256);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = clamp(r0 + x * 96 / w + rnd.nextInt(24));
        int g = clamp(g0 + y * 96 / h + rnd.nextInt(24));
        int b = clamp(b0 - (x + y) * 64 / (w + h) + rnd.nextInt(24));
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  /** Writes {@code image(w, h, seed)} as {@code format} ("png", "jpg", "bmp") to {@code file}. */
  public static Path write(Path file, int w, int h, long seed, String format) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!ImageIO.write(image(w, h, seed), format.equals("jpg") ? "jpeg" : format, file.toFile())) {
      throw new IOException("no ImageIO writer for " + format);
    }
    return file;
  }

  /** The first {@code keep} bytes of a JPEG of {@code w × h}: a file cut off mid-scan. */
  public static Path truncatedJpeg(Path file, int w, int h, long seed, double keep) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image(w, h, seed), "jpeg", out);
    byte[] all = out.toByteArray();
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, Arrays.copyOf(all, (int) (all.length * keep)));
  }

  /**
   * A decompression bomb: a valid PNG header claiming {@code w × h} pixels followed by a few
   * hundred bytes of data, so that only the header check can refuse it without allocating.
   */
  public static Path pngBomb(Path file, int w, int h) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    Deflater d = new Deflater();
    d.setInput(new byte[4096]);
    d.finish();
    byte[] z = new byte[8192];
    int n = d.deflate(z);
    chunk(out, "IDAT", Arrays.copyOf(z, n));
    chunk(out, "IEND", new byte[0]);
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, out.toByteArray());
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /**
   * A class folder tree under {@code root}: {@code perClass} images in each of {@code classes}
   * folders ({@code class_0}, …; every third image one folder deeper, formats alternating PNG, JPEG
   * and BMP), seeded.
   */
  public static Path folder(Path root, int classes, int perClass, int w, int h, long seed) throws IOException {
    String[] formats = {"png", "jpg", "bmp"};
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < perClass; i++) {
        String f = formats[i % formats.length];
        Path dir = root.resolve("class_" + c);
        if (i % 3 == 2) {
          dir = dir.resolve("more");
        }
        write(dir.resolve(String.format("img_%03d.%s", i, f)), w, h, seed * 1_000_003L + c * 1000L + i, f);
      }
    }
    return root;
  }
}
