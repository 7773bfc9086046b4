package dev.glassbox.encoders.image;

import java.nio.charset.StandardCharsets;

/**
 * Facts read straight from file headers that Java's image readers do not expose the way PIL uses
 * them: JPEG colour transforms, PNG colour types and EXIF orientation. Only reads; never allocates
 * more than small slices.
 */
final class ContainerHeaders {
  private ContainerHeaders() {}

  /** What a JPEG's markers say about its colour encoding, and its EXIF block if any. */
  record Jpeg(int components, boolean jfif, int adobeTransform, int[] componentIds, byte[] exif) {
    /** libjpeg's guess of the colour space of the stored components (jdapimin.c's defaults). */
    String colorSpace() {
      if (components == 1) {
        return "GRAY";
      }
      if (components == 3) {
        if (jfif) {
          return "YCbCr";
        }
        if (adobeTransform >= 0) {
          return adobeTransform == 0 ? "RGB" : "YCbCr";
        }
        if (componentIds.length == 3 && componentIds[0] == 'R' && componentIds[1] == 'G' && componentIds[2] == 'B') {
          return "RGB";
        }
        return "YCbCr";
      }
      if (components == 4) {
        return adobeTransform == 2 ? "YCCK" : "CMYK";
      }
      return "UNKNOWN";
    }
  }

  static boolean isJpeg(byte[] b) {
    return b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
  }

  static boolean isPng(byte[] b) {
    return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
  }

  static boolean isWebp(byte[] b) {
    return b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
        && b[10] == 'B' && b[11] == 'P';
  }

  /** Scans a JPEG's markers up to the first scan; null when they are malformed before a frame header. */
  static Jpeg jpeg(byte[] b) {
    int pos = 2;
    boolean jfif = false;
    int adobe = -1;
    int components = -1;
    int[] ids = new int[0];
    byte[] exif = null;
    while (pos + 4 <= b.length) {
      if ((b[pos] & 0xff) != 0xFF) {
        return components > 0 ? new Jpeg(components, jfif, adobe, ids, exif) : null;
      }
      int marker = b[pos + 1] & 0xff;
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
        pos += 2;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        break;
      }
      int len = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      int start = pos + 4;
      int end = pos + 2 + len;
      if (len < 2 || end > b.length) {
        break;
      }
      if (marker == 0xE0 && startsWith(b, start, end, "JFIF\0")) {
        jfif = true;
      } else if (marker == 0xE1 && startsWith(b, start, end, "Exif\0\0") && exif == null) {
        exif = java.util.Arrays.copyOfRange(b, start + 6, end);
      } else if (marker == 0xEE && startsWith(b, start, end, "Adobe") && end - start >= 12) {
        adobe = b[start + 11] & 0xff;
      } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC && end - start >= 6) {
        components = b[start + 5] & 0xff;
        ids = new int[components];
        for (int c = 0; c < components && start + 6 + 3 * c < end; c++) {
          ids[c] = b[start + 6 + 3 * c] & 0xff;
        }
      }
      pos = end;
    }
    return components > 0 ? new Jpeg(components, jfif, adobe, ids, exif) : null;
  }

  /** PNG IHDR colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA) and bit depth, or null. */
  static int[] pngColorTypeAndDepth(byte[] b) {
    if (b.length < 33 || !(b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R')) {
      return null;
    }
    return new int[] {b[25] & 0xff, b[24] & 0xff};
  }

  /** The TIFF-structured EXIF block of a PNG ({@code eXIf} chunk), or null. */
  static byte[] pngExif(byte[] b) {
    int pos = 8;
    while (pos + 12 <= b.length) {
      long len = ((long) (b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (len < 0 || pos + 12 + len > b.length) {
        return null;
      }
      if (type.equals("eXIf")) {
        return stripExifPrefix(java.util.Arrays.copyOfRange(b, pos + 8, pos + 8 + (int) len));
      }
      if (type.equals("IDAT") || type.equals("IEND")) {
        return null;
      }
      pos += 12 + (int) len;
    }
    return null;
  }

  /** The EXIF block of a WebP ({@code EXIF} chunk), or null. */
  static byte[] webpExif(byte[] b) {
    int pos = 12;
    while (pos + 8 <= b.length) {
      String type = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
      long len = (b[pos + 4] & 0xff) | ((b[pos + 5] & 0xff) << 8) | ((b[pos + 6] & 0xff) << 16) | ((long) (b[pos + 7] & 0xff) << 24);
      if (pos + 8 + len > b.length) {
        return null;
      }
      if (type.equals("EXIF")) {
        return stripExifPrefix(java.util.Arrays.copyOfRange(b, pos + 8, pos + 8 + (int) len));
      }
      pos += 8 + (int) (len + (len & 1));
    }
    return null;
  }

  private static byte[] stripExifPrefix(byte[] exif) {
    if (startsWith(exif, 0, exif.length, "Exif\0\0")) {
      return java.util.Arrays.copyOfRange(exif, 6, exif.length);
    }
    return exif;
  }

  /** The Orientation tag (1..8) of IFD0 of a TIFF-structured EXIF block, or 1 when absent or unreadable. */
  static int orientation(byte[] tiff) {
    if (tiff == null || tiff.length < 8) {
      return 1;
    }
    boolean little;
    if (tiff[0] == 'I' && tiff[1] == 'I') {
      little = true;
    } else if (tiff[0] == 'M' && tiff[1] == 'M') {
      little = false;
    } else {
      return 1;
    }
    long ifd = u32(tiff, 4, little);
    if (ifd < 8 || ifd + 2 > tiff.length) {
      return 1;
    }
    int count = u16(tiff, (int) ifd, little);
    for (int i = 0; i < count; i++) {
      int e = (int) ifd + 2 + 12 * i;
      if (e + 12 > tiff.length) {
        return 1;
      }
      if (u16(tiff, e, little) == 0x0112) {
        int type = u16(tiff, e + 2, little);
        int value = type == 3 ? u16(tiff, e + 8, little) : (int) u32(tiff, e + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int p, boolean little) {
    return little ? (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) : ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }

  private static long u32(byte[] b, int p, boolean little) {
    long v = little
        ? (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | ((long) (b[p + 3] & 0xff) << 24)
        : ((long) (b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    return v;
  }

  private static boolean startsWith(byte[] b, int start, int end, String prefix) {
    if (end - start < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[start + i] != (byte) prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
