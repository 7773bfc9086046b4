package dev.glassbox.encoders.image;

import dev.glassbox.encoders.image.ImageDecodeException.Reason;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG, PNG, BMP, GIF and WebP files into {@link DecodedImage}s that hold what PIL's
 * {@code Image.open} holds, so that preprocessing can follow CLIP's reference step by step.
 *
 * <p>Readers are Java's ImageIO plugins (JDK for PNG, BMP, GIF; TwelveMonkeys for JPEG and WebP).
 * Where they would differ from PIL, this class takes the raw samples instead: JPEGs are read as
 * stored components and converted with libjpeg's integer YCbCr formulas (so embedded ICC profiles
 * are ignored, as PIL ignores them); CMYK JPEGs are taken as Adobe-inverted, as PIL assumes; 16-bit
 * PNGs give the high byte of each RGB sample and a mode-{@link PilMode#I} image for grey; palette
 * images stay palette images. The first frame of an animation is used.
 *
 * <p>Safety: the file's size is checked before reading it, and the image's width and height are read
 * from its header and checked against {@link ImageDecoderConfig#maxPixels()} before any pixel memory
 * is allocated. Empty, truncated, damaged and non-image files fail with an
 * {@link ImageDecodeException} whose {@link Reason} says which.
 *
 * <p>Limits: YCCK JPEGs follow libjpeg's conversion but no reference file checks it; GIF frames
 * smaller than the logical screen are not placed on the screen as PIL places them; PIL's
 * grey-palette detection is applied to BMP and GIF only, as PIL does.
 *
 * <p>Stateless and thread-safe.
 */
public final class ImageDecoder {
  private final ImageDecoderConfig config;

  public ImageDecoder(ImageDecoderConfig config) {
    this.config = config;
  }

  public ImageDecoder() {
    this(ImageDecoderConfig.defaults());
  }

  public ImageDecoderConfig config() {
    return config;
  }

  /** Reads and decodes a file; the format comes from its content, never from its extension. */
  public DecodedImage decode(Path file) throws ImageDecodeException {
    return decode(file, null);
  }

  /**
   * {@link #decode(Path)} with the pixel memory of {@code ws} (null: new arrays): the returned
   * image's samples may live in the workspace and are valid until its next use.
   */
  DecodedImage decode(Path file, ImageWorkspace ws) throws ImageDecodeException {
    String source = file.toString();
    byte[] bytes;
    try {
      // One stat per image: a device or a pipe named like an image would be read without end (its
      // size is 0), so only regular files are read.
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attrs.isRegularFile()) {
        throw new ImageDecodeException(Reason.UNREADABLE, source, attrs.isDirectory() ? "it is a directory" : "it is not a regular file");
      }
      long size = attrs.size();
      if (size > config.maxFileBytes()) {
        throw new ImageDecodeException(Reason.TOO_LARGE, source,
            "the file has " + size + " bytes, more than the limit of " + config.maxFileBytes() + " (maxFileBytes)");
      }
      bytes = Files.readAllBytes(file);
    } catch (ImageDecodeException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new ImageDecodeException(Reason.UNREADABLE, source, "the file does not exist", e);
    } catch (AccessDeniedException e) {
      throw new ImageDecodeException(Reason.UNREADABLE, source, "permission denied", e);
    } catch (IOException e) {
      throw new ImageDecodeException(Reason.UNREADABLE, source, "cannot read the file: " + e.getMessage(), e);
    }
    return decode(bytes, source, ws);
  }

  /** Decodes an image held in memory; {@code source} names it in errors. */
  public DecodedImage decode(byte[] bytes, String source) throws ImageDecodeException {
    return decode(bytes, source, null);
  }

  private DecodedImage decode(byte[] bytes, String source, ImageWorkspace ws) throws ImageDecodeException {
    if (bytes.length == 0) {
      throw new ImageDecodeException(Reason.EMPTY, source, "the file is empty (0 bytes)");
    }
    if (bytes.length > config.maxFileBytes()) {
      throw new ImageDecodeException(Reason.TOO_LARGE, source,
          "the image has " + bytes.length + " bytes, more than the limit of " + config.maxFileBytes() + " (maxFileBytes)");
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = readerFor(in, bytes, source);
      List<String> warnings = new ArrayList<>();
      try {
        reader.setInput(in, true, true);
        reader.addIIOReadWarningListener(collect(warnings));
        int width;
        int height;
        try {
          width = reader.getWidth(0);
          height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
          throw failure(e, source, "cannot read the image header");
        }
        long pixels = (long) width * height;
        if (pixels > config.maxPixels()) {
          throw new ImageDecodeException(Reason.TOO_LARGE, source,
              "the header claims " + width + " × " + height + " = " + pixels + " pixels, more than the limit of "
                  + config.maxPixels() + " (maxPixels); refused before decoding");
        }
        if (width <= 0 || height <= 0) {
          throw new ImageDecodeException(Reason.CORRUPT, source, "the header gives the impossible size " + width + " × " + height);
        }
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        DecodedImage image;
        byte[] exif = null;
        try {
          if (format.contains("jp") && ContainerHeaders.isJpeg(bytes)) {
            ContainerHeaders.Jpeg jpeg = ContainerHeaders.jpeg(bytes);
            exif = jpeg == null ? null : jpeg.exif();
            image = decodeJpeg(reader, jpeg, source, ws);
          } else {
            BufferedImage bi = reader.read(0);
            image = fromReader(bi, format, bytes, source);
            if (ContainerHeaders.isPng(bytes)) {
              exif = ContainerHeaders.pngExif(bytes);
            } else if (ContainerHeaders.isWebp(bytes)) {
              exif = ContainerHeaders.webpExif(bytes);
            }
          }
        } catch (ImageDecodeException e) {
          throw e;
        } catch (IOException | RuntimeException e) {
          throw failure(e, source, "cannot decode the " + format.toUpperCase(Locale.ROOT) + " data");
        }
        for (String w : warnings) {
          String lw = w.toLowerCase(Locale.ROOT);
          if (lw.contains("premature end") || lw.contains("truncat")) {
            throw new ImageDecodeException(Reason.TRUNCATED, source, "the data ends before the image does (" + w + ")");
          }
        }
        if (config.applyExifOrientation()) {
          int orientation = ContainerHeaders.orientation(exif);
          image = PilOps.exifTranspose(image, orientation, ws);
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      if (e instanceof ImageDecodeException ide) {
        throw ide;
      }
      throw new ImageDecodeException(Reason.UNREADABLE, source, "cannot read the image stream: " + e.getMessage(), e);
    }
  }

  /**
   * Converts a {@link BufferedImage} already in memory: palette images stay palette images, images
   * with alpha become RGBA (or LA), grey ones L, others RGB.
   */
  public static DecodedImage fromBufferedImage(BufferedImage image) {
    try {
      return fromBuffered(image, null, false, "image");
    } catch (ImageDecodeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static IIOReadWarningListener collect(List<String> warnings) {
    return (reader, warning) -> warnings.add(warning);
  }

  private static ImageReader readerFor(ImageInputStream in, byte[] bytes, String source) throws ImageDecodeException {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      int n = Math.min(bytes.length, 8);
      throw new ImageDecodeException(Reason.NOT_AN_IMAGE, source,
          "not an image in a supported format (JPEG, PNG, BMP, GIF, WebP); its first bytes are "
              + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, n));
    }
    return readers.next();
  }

  private static ImageDecodeException failure(Throwable e, String source, String what) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = String.valueOf(root.getMessage());
    String lower = msg.toLowerCase(Locale.ROOT);
    if (root instanceof EOFException || lower.contains("end of file") || lower.contains("premature end")
        || lower.contains("unexpected end") || lower.contains("truncat") || lower.contains("eof")) {
      return new ImageDecodeException(Reason.TRUNCATED, source, "the data ends before the image does (" + msg + ")", e);
    }
    return new ImageDecodeException(Reason.CORRUPT, source, what + ": " + root.getClass().getSimpleName() + ": " + msg, e);
  }

  // ---------------------------------------------------------------------------------------------
  // JPEG

  private static DecodedImage decodeJpeg(ImageReader reader, ContainerHeaders.Jpeg jpeg, String source, ImageWorkspace ws)
      throws IOException {
    if (jpeg == null) {
      throw new ImageDecodeException(Reason.CORRUPT, source, "the JPEG markers before the first scan are damaged");
    }
    String space = jpeg.colorSpace();
    if (!reader.canReadRaster()) {
      return fromBuffered(reader.read(0), null, false, source);
    }
    Raster raster = reader.readRaster(0, null);
    int w = raster.getWidth();
    int h = raster.getHeight();
    int bands = raster.getNumBands();
    RasterBytes direct = RasterBytes.of(raster);
    switch (space) {
      case "GRAY" -> {
        byte[] out = buffer(ws, w * h);
        if (direct != null) {
          copyBand(direct, 0, w, h, out);
        } else {
          int[] row = new int[w];
          for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
              out[y * w + x] = (byte) row[x];
            }
          }
        }
        return DecodedImage.of(PilMode.L, w, h, out);
      }
      case "RGB", "YCbCr" -> {
        requireBands(bands, 3, space, source);
        byte[] out = buffer(ws, w * h * 3);
        boolean ycc = space.equals("YCbCr");
        if (direct != null && ycc) {
          JpegColor.yccToRgb(direct, w, h, out);
        } else if (direct != null) {
          copyInterleaved(direct, 3, w, h, out);
        } else {
          int[] row = new int[w * bands];
          for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int o = y * w * 3;
            for (int i = 0; i < w * 3; i += 3) {
              if (ycc) {
                JpegColor.yccToRgb(row[i], row[i + 1], row[i + 2], out, o + i);
              } else {
                out[o + i] = (byte) row[i];
                out[o + i + 1] = (byte) row[i + 1];
                out[o + i + 2] = (byte) row[i + 2];
              }
            }
          }
        }
        return DecodedImage.of(PilMode.RGB, w, h, out);
      }
      case "CMYK", "YCCK" -> {
        requireBands(bands, 4, space, source);
        byte[] out = buffer(ws, w * h * 4);
        boolean ycck = space.equals("YCCK");
        if (direct != null) {
          JpegColor.toInvertedCmyk(direct, w, h, ycck, out);
        } else {
          int[] row = new int[w * bands];
          for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int o = y * w * 4;
            for (int i = 0; i < w * 4; i += 4) {
              if (ycck) {
                JpegColor.ycckToInvertedCmyk(row[i], row[i + 1], row[i + 2], row[i + 3], out, o + i);
              } else {
                // PIL reads every CMYK JPEG as Adobe-inverted ("CMYK;I").
                out[o + i] = (byte) (255 - row[i]);
                out[o + i + 1] = (byte) (255 - row[i + 1]);
                out[o + i + 2] = (byte) (255 - row[i + 2]);
                out[o + i + 3] = (byte) (255 - row[i + 3]);
              }
            }
          }
        }
        return DecodedImage.of(PilMode.CMYK, w, h, out);
      }
      default -> throw new ImageDecodeException(Reason.CORRUPT, source,
          "the JPEG has " + jpeg.components() + " components; only 1 (grey), 3 (colour) and 4 (CMYK) are images");
    }
  }

  private static byte[] buffer(ImageWorkspace ws, int n) {
    return ws == null ? new byte[n] : ws.decoded(n);
  }

  /** Band {@code band} of a byte raster as {@code [h × w]} bytes. */
  private static void copyBand(RasterBytes in, int band, int w, int h, byte[] out) {
    byte[] s = in.data();
    int pix = in.pixelStride();
    int off = in.bandOffsets()[band];
    for (int y = 0; y < h; y++) {
      int p = in.base() + y * in.scanlineStride() + off;
      int o = y * w;
      if (pix == 1) {
        System.arraycopy(s, p, out, o, w);
      } else {
        for (int x = 0; x < w; x++, p += pix) {
          out[o + x] = s[p];
        }
      }
    }
  }

  /** The first {@code bands} bands of a byte raster, interleaved as {@code [h × w × bands]}. */
  private static void copyInterleaved(RasterBytes in, int bands, int w, int h, byte[] out) {
    byte[] s = in.data();
    int pix = in.pixelStride();
    int[] off = in.bandOffsets();
    boolean straight = pix == bands;
    for (int b = 0; b < bands; b++) {
      straight &= off[b] == b;
    }
    int o = 0;
    for (int y = 0; y < h; y++) {
      int p = in.base() + y * in.scanlineStride();
      if (straight) {
        System.arraycopy(s, p, out, o, w * bands);
        o += w * bands;
        continue;
      }
      for (int x = 0; x < w; x++, p += pix) {
        for (int b = 0; b < bands; b++) {
          out[o++] = s[p + off[b]];
        }
      }
    }
  }

  private static void requireBands(int bands, int want, String space, String source) throws ImageDecodeException {
    if (bands != want) {
      throw new ImageDecodeException(Reason.CORRUPT, source,
          "the JPEG's markers say " + space + " but the decoder returned " + bands + " components");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Other formats

  private static DecodedImage fromReader(BufferedImage bi, String format, byte[] bytes, String source)
      throws ImageDecodeException {
    if (ContainerHeaders.isPng(bytes)) {
      int[] ct = ContainerHeaders.pngColorTypeAndDepth(bytes);
      if (ct != null) {
        return fromPng(bi, ct[0], ct[1], source);
      }
    }
    boolean greyPaletteIsL = format.contains("bmp") || format.contains("gif");
    return fromBuffered(bi, null, greyPaletteIsL, source);
  }

  private static DecodedImage fromPng(BufferedImage bi, int colorType, int depth, String source) throws ImageDecodeException {
    PilMode mode = switch (colorType) {
      case 0 -> depth == 1 ? PilMode.BILEVEL : depth == 16 ? PilMode.I : PilMode.L;
      case 2 -> PilMode.RGB;
      case 3 -> PilMode.P;
      case 4 -> PilMode.LA;
      case 6 -> PilMode.RGBA;
      default -> throw new ImageDecodeException(Reason.CORRUPT, source, "the PNG header has the unknown colour type " + colorType);
    };
    return fromBuffered(bi, mode, false, source);
  }

  /**
   * Samples of a decoded {@link BufferedImage} in the layout of {@code mode} (null: chosen from the
   * colour model). 16-bit samples keep their high byte, as PIL's 16-bit raw modes do, except for
   * 16-bit grey, which becomes mode I.
   */
  private static DecodedImage fromBuffered(BufferedImage bi, PilMode mode, boolean greyPaletteIsL, String source)
      throws ImageDecodeException {
    ColorModel cm = bi.getColorModel();
    int w = bi.getWidth();
    int h = bi.getHeight();
    Raster raster = bi.getRaster();
    if (cm instanceof IndexColorModel icm) {
      int size = icm.getMapSize();
      int[] palette = new int[size];
      boolean greyRamp = true;
      for (int i = 0; i < size; i++) {
        palette[i] = icm.getRGB(i) & 0xFFFFFF;
        greyRamp &= palette[i] == (i << 16 | i << 8 | i);
      }
      byte[] idx = new byte[w * h];
      RasterBytes direct = RasterBytes.of(raster);
      if (direct != null) {
        copyBand(direct, 0, w, h, idx);
      } else {
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
          raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
          for (int x = 0; x < w; x++) {
            idx[y * w + x] = (byte) row[x];
          }
        }
      }
      if (mode == null || mode == PilMode.P) {
        if (greyPaletteIsL && greyRamp && mode == null) {
          return DecodedImage.of(PilMode.L, w, h, idx);
        }
        return DecodedImage.palette(w, h, idx, palette);
      }
      // A grey PNG of 1, 2 or 4 bits, which Java reads through a grey palette.
      byte[] grey = new byte[w * h];
      for (int i = 0; i < idx.length; i++) {
        grey[i] = (byte) (palette[idx[i] & 0xff] & 0xff);
      }
      if (mode == PilMode.BILEVEL || mode == PilMode.L) {
        if (mode == PilMode.BILEVEL) {
          for (int i = 0; i < grey.length; i++) {
            grey[i] = (grey[i] & 0xff) >= 128 ? (byte) 255 : 0;
          }
        }
        return DecodedImage.of(mode, w, h, grey);
      }
      throw new ImageDecodeException(Reason.CORRUPT, source, "a palette-coded image cannot be read as " + mode);
    }
    if (cm.isAlphaPremultiplied()) {
      BufferedImage copy = new BufferedImage(cm, bi.copyData(null), true, null);
      copy.coerceData(false);
      bi = copy;
      cm = bi.getColorModel();
      raster = bi.getRaster();
    }
    int colorType = cm.getColorSpace().getType();
    int nColor = cm.getNumColorComponents();
    boolean grey = colorType == ColorSpace.TYPE_GRAY && nColor == 1;
    boolean rgb = colorType == ColorSpace.TYPE_RGB && nColor == 3;
    if (!grey && !rgb) {
      throw new ImageDecodeException(Reason.CORRUPT, source,
          "the decoder returned an image with " + nColor + " colour components in colour space type " + colorType
              + "; only grey and RGB are supported");
    }
    boolean alpha = cm.hasAlpha();
    if (mode == null) {
      mode = grey ? (alpha ? PilMode.LA : PilMode.L) : (alpha ? PilMode.RGBA : PilMode.RGB);
    }
    int bands = raster.getNumBands();
    int[] row = new int[w * bands];
    if (mode == PilMode.I) {
      int[] values = new int[w * h];
      for (int y = 0; y < h; y++) {
        raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
        for (int x = 0; x < w; x++) {
          values[y * w + x] = row[x * bands];
        }
      }
      return DecodedImage.ints(w, h, values);
    }
    int outBands = mode.bands();
    byte[] out = new byte[w * h * outBands];
    // Which raster band feeds each output band: colour bands first, alpha last (ColorModel order).
    int[] src = new int[outBands];
    boolean fromGrey = grey;
    switch (mode) {
      case L, BILEVEL -> src[0] = 0;
      case LA -> {
        src[0] = 0;
        src[1] = alpha ? bands - 1 : -1;
      }
      case RGB -> {
        for (int b = 0; b < 3; b++) {
          src[b] = fromGrey ? 0 : b;
        }
      }
      case RGBA -> {
        for (int b = 0; b < 3; b++) {
          src[b] = fromGrey ? 0 : b;
        }
        src[3] = alpha ? bands - 1 : -1;
      }
      default -> throw new ImageDecodeException(Reason.CORRUPT, source, "cannot read a " + mode + " image from this decoder");
    }
    if (mode == PilMode.L && !grey || (mode == PilMode.LA && !grey)) {
      throw new ImageDecodeException(Reason.CORRUPT, source, "the header says grey but the decoder returned colour");
    }
    int[] sizes = cm.getComponentSize();
    // Direct reads need 8-bit samples in the raster and in the colour model (to8 is then the identity).
    RasterBytes direct = RasterBytes.of(raster);
    for (int bits : sizes) {
      if (bits != 8) {
        direct = null;
      }
    }
    if (direct != null) {
      byte[] data = direct.data();
      int pix = direct.pixelStride();
      int[] from = new int[outBands];
      for (int b = 0; b < outBands; b++) {
        from[b] = src[b] < 0 ? -1 : direct.bandOffsets()[src[b]];
      }
      int o = 0;
      for (int y = 0; y < h; y++) {
        int p = direct.base() + y * direct.scanlineStride();
        for (int x = 0; x < w; x++, p += pix) {
          for (int b = 0; b < outBands; b++) {
            int f = from[b];
            out[o++] = f < 0 ? (byte) 255 : data[p + f];
          }
        }
      }
    } else {
      for (int y = 0; y < h; y++) {
        raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
        int o = y * w * outBands;
        for (int x = 0; x < w; x++) {
          int p = x * bands;
          for (int b = 0; b < outBands; b++) {
            int s = src[b];
            int v = s < 0 ? 255 : to8(row[p + s], sizes[Math.min(s, sizes.length - 1)]);
            out[o + x * outBands + b] = (byte) v;
          }
        }
      }
    }
    if (mode == PilMode.BILEVEL) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (out[i] & 0xff) >= 128 ? (byte) 255 : 0;
      }
    }
    return DecodedImage.of(mode, w, h, out);
  }

  /** An unsigned sample of {@code bits} bits as 8 bits: 16-bit keeps the high byte, as PIL's raw modes do. */
  private static int to8(int v, int bits) {
    if (bits == 8) {
      return v;
    }
    if (bits == 16) {
      return v >>> 8;
    }
    if (bits > 8) {
      return v >>> (bits - 8);
    }
    int max = (1 << bits) - 1;
    return (v * 255 + max / 2) / max;
  }

  /** Reads a whole stream into memory, refusing more than {@code maxFileBytes}. */
  public DecodedImage decode(InputStream in, String source) throws ImageDecodeException {
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxFileBytes() + 1));
    } catch (IOException e) {
      throw new ImageDecodeException(Reason.UNREADABLE, source, "cannot read the stream: " + e.getMessage(), e);
    }
    return decode(bytes, source);
  }
}
