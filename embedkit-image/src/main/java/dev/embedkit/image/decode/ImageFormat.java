package dev.embedkit.image.decode;

import java.nio.charset.StandardCharsets;

/**
 * Image file formats recognised by their first bytes (never by file name). The decodable ones carry the ImageIO format
 * name; a few well-known others are recognised only to say clearly that they are not supported.
 */
public enum ImageFormat {
  JPEG("jpeg", true),
  PNG("png", true),
  GIF("gif", true),
  BMP("bmp", true),
  TIFF("tiff", true),
  WEBP("webp", true),
  AVIF("avif", false),
  HEIC("heic", false),
  ICO("ico", false),
  PSD("psd", false),
  JPEG2000("jpeg2000", false),
  SVG("svg", false);

  /** The formats decoded, for messages. */
  public static final String SUPPORTED = "JPEG, PNG, GIF, BMP, TIFF, WebP";

  private final String imageIoName;
  private final boolean decodable;

  ImageFormat(String imageIoName, boolean decodable) {
    this.imageIoName = imageIoName;
    this.decodable = decodable;
  }

  public String imageIoName() {
    return imageIoName;
  }

  public boolean decodable() {
    return decodable;
  }

  /** The format of a file's bytes, or null when nothing known matches. */
  public static ImageFormat sniff(byte[] d) {
    if (starts(d, 0, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (starts(d, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (ascii(d, 0, "GIF87a") || ascii(d, 0, "GIF89a")) {
      return GIF;
    }
    if (ascii(d, 0, "BM") && d.length >= 26) {
      return BMP;
    }
    if (starts(d, 0, 'I', 'I', 42, 0) || starts(d, 0, 'M', 'M', 0, 42)) {
      return TIFF;
    }
    if (ascii(d, 0, "RIFF") && ascii(d, 8, "WEBP")) {
      return WEBP;
    }
    if (ascii(d, 4, "ftyp")) {
      return ascii(d, 8, "avif") || ascii(d, 8, "avis") ? AVIF : HEIC;
    }
    if (starts(d, 0, 0, 0, 1, 0)) {
      return ICO;
    }
    if (ascii(d, 0, "8BPS")) {
      return PSD;
    }
    if (starts(d, 0, 0, 0, 0, 0x0C, 'j', 'P') || starts(d, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
      return JPEG2000;
    }
    String head = new String(d, 0, Math.min(d.length, 256), StandardCharsets.ISO_8859_1).stripLeading();
    if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"))) {
      return SVG;
    }
    return null;
  }

  private static boolean starts(byte[] d, int offset, int... bytes) {
    if (d.length < offset + bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((d[offset + i] & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] d, int offset, String s) {
    return d.length >= offset + s.length() && new String(d, offset, s.length(), StandardCharsets.ISO_8859_1).equals(s);
  }
}
