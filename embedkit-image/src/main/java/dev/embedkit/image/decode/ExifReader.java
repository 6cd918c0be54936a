package dev.embedkit.image.decode;

import java.nio.charset.StandardCharsets;

/**
 * Finds the EXIF orientation in an image file's bytes: JPEG APP1 "Exif", PNG eXIf chunk, WebP EXIF chunk, or a TIFF
 * file's own first IFD. Anything malformed reads as {@link ExifOrientation#NORMAL}: a broken tag must not make a
 * decodable image fail, and Pillow ignores it too.
 */
final class ExifReader {
  private static final int ORIENTATION_TAG = 0x0112;

  private ExifReader() {}

  static ExifOrientation orientation(byte[] data, ImageFormat format) {
    try {
      int tiff = switch (format) {
        case JPEG -> jpegExif(data);
        case PNG -> pngExif(data);
        case WEBP -> webpExif(data);
        case TIFF -> 0;
        default -> -1;
      };
      return tiff < 0 ? ExifOrientation.NORMAL : ExifOrientation.fromTag(tiffOrientation(data, tiff));
    } catch (RuntimeException e) {
      return ExifOrientation.NORMAL;
    }
  }

  private static int jpegExif(byte[] d) {
    int p = 2;
    while (p + 4 <= d.length && (d[p] & 0xFF) == 0xFF) {
      int marker = d[p + 1] & 0xFF;
      if (marker == 0xDA || marker == 0xD9) {
        return -1;
      }
      int len = u16(d, p + 2, true);
      if (marker == 0xE1 && len >= 8 && new String(d, p + 4, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
        return p + 10;
      }
      p += 2 + len;
    }
    return -1;
  }

  private static int pngExif(byte[] d) {
    int p = 8;
    while (p + 8 <= d.length) {
      int len = (int) u32(d, p, true);
      String type = new String(d, p + 4, 4, StandardCharsets.ISO_8859_1);
      if (type.equals("eXIf")) {
        return p + 8;
      }
      if (type.equals("IDAT") || type.equals("IEND") || len < 0) {
        return -1;
      }
      p += 12 + len;
    }
    return -1;
  }

  private static int webpExif(byte[] d) {
    int p = 12;
    while (p + 8 <= d.length) {
      String type = new String(d, p, 4, StandardCharsets.ISO_8859_1);
      int len = (int) u32(d, p + 4, false);
      if (type.equals("EXIF")) {
        int start = p + 8;
        // some writers keep the JPEG "Exif\0\0" prefix
        return d.length > start + 6 && d[start] == 'E' && d[start + 1] == 'x' ? start + 6 : start;
      }
      if (len < 0) {
        return -1;
      }
      p += 8 + len + (len & 1);
    }
    return -1;
  }

  /** Reads tag 0x0112 from IFD0 of the TIFF structure starting at {@code base}; 1 when absent. */
  private static int tiffOrientation(byte[] d, int base) {
    boolean big = d[base] == 'M';
    long ifd = u32(d, base + 4, big);
    int p = base + (int) ifd;
    int entries = u16(d, p, big);
    for (int i = 0; i < entries; i++) {
      int e = p + 2 + i * 12;
      if (u16(d, e, big) == ORIENTATION_TAG) {
        return u16(d, e + 8, big);
      }
    }
    return 1;
  }

  private static int u16(byte[] d, int p, boolean big) {
    int a = d[p] & 0xFF;
    int b = d[p + 1] & 0xFF;
    return big ? (a << 8) | b : (b << 8) | a;
  }

  private static long u32(byte[] d, int p, boolean big) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (d[p + (big ? i : 3 - i)] & 0xFF);
    }
    return v;
  }
}
