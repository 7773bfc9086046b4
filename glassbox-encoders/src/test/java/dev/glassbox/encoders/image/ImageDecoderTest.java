package dev.glassbox.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.glassbox.encoders.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder();

  private static Path fixture(String name) {
    return ClipPreprocessorReferenceTest.resource(name);
  }

  /** A PNG whose header claims {@code w × h} RGB pixels, followed by a few bytes of image data. */
  static byte[] pngHeaderOnly(int w, int h) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
        .put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    Deflater d = new Deflater();
    d.setInput(new byte[4096]);
    d.finish();
    byte[] z = new byte[8192];
    int n = d.deflate(z);
    chunk(out, "IDAT", Arrays.copyOf(z, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
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

  @Test
  void rejectsAZeroByteFile(@TempDir Path dir) throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.jpg"));
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(empty));
    assertThat(e.reason()).isEqualTo(Reason.EMPTY);
    assertThat(e.getMessage()).contains("empty.jpg").contains("empty (0 bytes)");
  }

  @Test
  void aDeviceOrAPipeNamedLikeAnImageIsUnreadableNotReadForever(@TempDir Path dir) throws Exception {
    Path zero = dir.resolve("zero.png");
    Files.createSymbolicLink(zero, Path.of("/dev/zero"));
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(zero));
    assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
    assertThat(e.getMessage()).contains("not a regular file");
    Path pipe = dir.resolve("pipe.png");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    assertThat(catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(pipe)).reason()).isEqualTo(Reason.UNREADABLE);
    assertThat(catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(dir)).getMessage()).contains("is a directory");
  }

  @Test
  void rejectsATextFileWithAnImageExtension(@TempDir Path dir) throws IOException {
    Path fake = Files.writeString(dir.resolve("bird.png"), "this is a field guide entry, not a picture");
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(fake));
    assertThat(e.reason()).isEqualTo(Reason.NOT_AN_IMAGE);
    assertThat(e.getMessage()).contains("bird.png").contains("not an image").contains("74 68 69 73");
  }

  @Test
  void rejectsATruncatedJpeg(@TempDir Path dir) throws IOException {
    byte[] full = Files.readAllBytes(fixture("rgb-large-640x481.jpg"));
    Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(full, full.length * 6 / 10));
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(cut));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.getMessage()).contains("cut.jpg").contains("ends before the image does");
  }

  @Test
  void rejectsATruncatedPng(@TempDir Path dir) throws IOException {
    byte[] full = Files.readAllBytes(fixture("rgb-odd-301x217.png"));
    Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(full, full.length / 2));
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(cut));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
  }

  @Test
  void rejectsAJpegCutInsideItsHeaders(@TempDir Path dir) throws IOException {
    byte[] full = Files.readAllBytes(fixture("rgb-large-640x481.jpg"));
    Path cut = Files.write(dir.resolve("stub.jpg"), Arrays.copyOf(full, 40));
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(cut));
    assertThat(e.reason()).isIn(Reason.TRUNCATED, Reason.CORRUPT);
    assertThat(e.getMessage()).contains("stub.jpg");
  }

  @Test
  void refusesADecompressionBombFromItsHeaderWithoutAllocatingPixels(@TempDir Path dir) throws IOException {
    Path bomb = Files.write(dir.resolve("bomb.png"), pngHeaderOnly(30_000, 30_000));
    assertThat(Files.size(bomb)).isLessThan(200);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(bomb));
    long after = rt.totalMemory() - rt.freeMemory();
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(e.getMessage()).contains("bomb.png").contains("30000 × 30000 = 900000000 pixels").contains("50000000");
    // Decoding would need 2.7 GB; refusing from the header needs next to nothing.
    assertThat(after - before).isLessThan(64L << 20);
  }

  @Test
  void maxPixelsIsConfigurable() throws IOException {
    ImageDecoder strict = new ImageDecoder(ImageDecoderConfig.defaults().withMaxPixels(300L * 200));
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> strict.decode(fixture("rgb-odd-301x217.png")));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(e.getMessage()).contains("301 × 217");
    assertThat(strict.decode(fixture("rgb-tiny-7x5.png")).width()).isEqualTo(7);
  }

  @Test
  void refusesFilesAboveTheByteLimitBeforeReadingThem() {
    ImageDecoder strict = new ImageDecoder(ImageDecoderConfig.defaults().withMaxFileBytes(1000));
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> strict.decode(fixture("rgb-odd-301x217.png")));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(e.getMessage()).contains("maxFileBytes");
  }

  @Test
  void reportsAMissingFileAsUnreadable(@TempDir Path dir) {
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(dir.resolve("gone.jpg")));
    assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
    assertThat(e.getMessage()).contains("gone.jpg").contains("does not exist");
  }

  @Test
  void rejectsDamagedPngData(@TempDir Path dir) throws IOException {
    byte[] png = Files.readAllBytes(fixture("rgb-odd-301x217.png"));
    for (int i = 100; i < png.length - 20; i += 7) {
      png[i] ^= 0x5a;
    }
    Path bad = Files.write(dir.resolve("damaged.png"), png);
    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class, () -> decoder.decode(bad));
    assertThat(e.reason()).isIn(Reason.CORRUPT, Reason.TRUNCATED);
    assertThat(e.getMessage()).contains("damaged.png");
  }

  @Test
  void theFormatComesFromTheContentNotTheExtension(@TempDir Path dir) throws IOException {
    Path renamed = Files.copy(fixture("rgb-large-640x481.jpg"), dir.resolve("actually-a-jpeg.png"));
    DecodedImage im = decoder.decode(renamed);
    assertThat(im.mode()).isEqualTo(PilMode.RGB);
    assertThat(im.width()).isEqualTo(640);
  }

  @Test
  void exifOrientationSixRotatesAWideImageUpright() throws IOException {
    DecodedImage upright = decoder.decode(fixture("exif-orientation-6-320x240.jpg"));
    assertThat(upright.width()).isEqualTo(240);
    assertThat(upright.height()).isEqualTo(320);
    DecodedImage raw = new ImageDecoder(ImageDecoderConfig.defaults().withApplyExifOrientation(false))
        .decode(fixture("exif-orientation-6-320x240.jpg"));
    assertThat(raw.width()).isEqualTo(320);
  }

  @Test
  void bufferedImagesConvertByColourModel() {
    BufferedImage argb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(1, 1, 0x80FF2010);
    DecodedImage d = ImageDecoder.fromBufferedImage(argb);
    assertThat(d.mode()).isEqualTo(PilMode.RGBA);
    int p = (1 * 3 + 1) * 4;
    assertThat(d.samples()[p] & 0xff).isEqualTo(0xFF);
    assertThat(d.samples()[p + 1] & 0xff).isEqualTo(0x20);
    assertThat(d.samples()[p + 2] & 0xff).isEqualTo(0x10);
    assertThat(d.samples()[p + 3] & 0xff).isEqualTo(0x80);
    BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    assertThat(ImageDecoder.fromBufferedImage(grey).mode()).isEqualTo(PilMode.L);
    BufferedImage premultiplied = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
    premultiplied.setRGB(0, 0, 0x80FF0000);
    DecodedImage straight = ImageDecoder.fromBufferedImage(premultiplied);
    assertThat(straight.samples()[0] & 0xff).isGreaterThanOrEqualTo(254);
  }

  @Test
  void decodesWhatImageIoWrites(@TempDir Path dir) throws IOException {
    BufferedImage bi = new BufferedImage(5, 4, BufferedImage.TYPE_3BYTE_BGR);
    bi.setRGB(2, 3, 0x123456);
    Path bmp = dir.resolve("x.bmp");
    ImageIO.write(bi, "bmp", bmp.toFile());
    DecodedImage d = decoder.decode(bmp);
    assertThat(d.mode()).isEqualTo(PilMode.RGB);
    int p = (3 * 5 + 2) * 3;
    assertThat(new int[] {d.samples()[p] & 0xff, d.samples()[p + 1] & 0xff, d.samples()[p + 2] & 0xff})
        .containsExactly(0x12, 0x34, 0x56);
  }

  @Test
  void rejectsNegativeLimits() {
    assertThatThrownBy(() -> ImageDecoderConfig.defaults().withMaxPixels(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPixels must be in [1, ");
  }
}
