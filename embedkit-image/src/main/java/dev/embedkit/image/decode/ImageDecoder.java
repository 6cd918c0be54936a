package dev.embedkit.image.decode;

import dev.embedkit.EmbedkitException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image bytes into {@link RgbImage}s whose pixels equal Pillow's {@code convert("RGB")} of the same file:
 * JPEG (baseline, progressive, CMYK/YCCK through TwelveMonkeys), PNG (palette, grey, 16-bit, alpha), GIF (first
 * frame), BMP, TIFF (incl. 16-bit grey) and WebP.
 *
 * <p>Mode conversions follow Pillow: alpha is dropped, never composited; grey is copied to the three channels; 16-bit
 * colour keeps the high byte (Pillow's {@code ;16B} unpackers) while 16-bit single-channel grey is clipped at 255
 * (Pillow's {@code I;16}/{@code I} to {@code L}); CMYK becomes {@code 255 - k - c * (255 - k) / 255} per channel
 * (Pillow's cmyk2rgb). The format is found from the bytes, never from a file name. Every failure is one
 * {@link EmbedkitException}: not an image, unsupported format, truncated or corrupt data, no pixels, too many pixels
 * (checked from the header before decoding), several frames when {@link DecodeOptions.Animation#REJECT}.
 *
 * <pre>{@code
 * RgbImage image = new ImageDecoder(DecodeOptions.DEFAULTS).decode(Files.readAllBytes(path), path.toString());
 * }</pre>
 */
public final class ImageDecoder {
  static {
    ImageIO.setUseCache(false); // no temp files per decode
    ImageIO.scanForPlugins();
  }

  private final DecodeOptions options;

  public ImageDecoder(DecodeOptions options) {
    this.options = options;
  }

  public DecodeOptions options() {
    return options;
  }

  /**
   * @param data the encoded file
   * @param label names the input in messages (a file name, a URL, "input 3")
   */
  public RgbImage decode(byte[] data, String label) {
    if (data.length == 0) {
      throw EmbedkitException.invalidInput(label + " is empty; expected an image file (" + ImageFormat.SUPPORTED + ")");
    }
    if (data.length > options.maxBytes()) {
      throw EmbedkitException.invalidInput(label + " is " + data.length + " bytes; the limit is " + options.maxBytes());
    }
    ImageFormat format = ImageFormat.sniff(data);
    if (format == null) {
      throw EmbedkitException.invalidInput(label + " is not an image; supported formats: " + ImageFormat.SUPPORTED);
    }
    if (!format.decodable()) {
      throw EmbedkitException.unsupported(label + " is " + format.name() + ", which is not supported; supported formats: "
          + ImageFormat.SUPPORTED);
    }
    RgbImage image = read(data, format, label);
    if (options.applyExifOrientation()) {
      image = ExifReader.orientation(data, format).apply(image);
    }
    return image;
  }

  private RgbImage read(byte[] data, ImageFormat format, String label) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    if (!readers.hasNext()) {
      throw EmbedkitException.unsupported("no " + format.name() + " decoder on the class path for " + label);
    }
    ImageReader reader = readers.next();
    AtomicReference<String> warning = new AtomicReference<>();
    try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
      reader.setInput(stream, false, true);
      reader.addIIOReadWarningListener((IIOReadWarningListener) (source, message) -> warning.compareAndSet(null, message));
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      checkSize(width, height, label);
      if (options.animation() == DecodeOptions.Animation.REJECT && (format == ImageFormat.GIF || format == ImageFormat.WEBP)) {
        if (hasSecondFrame(reader)) {
          throw EmbedkitException.unsupported(label + " is an animated " + format.name()
              + "; animated images are refused here (send one frame as a still image)");
        }
      }
      RgbImage image = format == ImageFormat.JPEG
          ? JpegColor.toRgb(reader.readRaster(0, null), data)
          : toRgb(reader.read(0, new ImageReadParam()));
      if (warning.get() != null) {
        throw EmbedkitException.invalidInput(label + " is a truncated or corrupt " + format.name() + " (" + oneLine(warning.get()) + ")");
      }
      if (format == ImageFormat.GIF) {
        image = onLogicalScreen(reader, image);
      }
      return image;
    } catch (EmbedkitException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw EmbedkitException.invalidInput(label + " is a truncated or corrupt " + format.name() + " (" + oneLine(describe(e)) + ")");
    } catch (OutOfMemoryError e) {
      throw EmbedkitException.invalidInput(label + " needs more memory to decode than is available");
    } finally {
      reader.dispose();
    }
  }

  private void checkSize(int width, int height, String label) {
    if (width <= 0 || height <= 0) {
      throw EmbedkitException.invalidInput(label + " has no pixels (" + width + "x" + height + ")");
    }
    long pixels = (long) width * height;
    if (pixels > options.maxPixels()) {
      throw EmbedkitException.invalidInput(label + " has " + pixels + " pixels (" + width + "x" + height
          + "), over the limit of " + options.maxPixels() + " (a possible decompression bomb)");
    }
  }

  private static boolean hasSecondFrame(ImageReader reader) {
    try {
      reader.getWidth(1);
      return true;
    } catch (IndexOutOfBoundsException | IOException e) {
      return false;
    }
  }

  /**
   * Pillow's GIF first frame covers the logical screen; a frame smaller than the screen sits at its offset on the
   * background. The JDK reader returns only the frame.
   */
  private static RgbImage onLogicalScreen(ImageReader reader, RgbImage frame) {
    try {
      javax.imageio.metadata.IIOMetadata meta = reader.getImageMetadata(0);
      org.w3c.dom.Node root = meta.getAsTree("javax_imageio_gif_image_1.0");
      for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n.getNodeName().equals("ImageDescriptor")) {
          org.w3c.dom.NamedNodeMap a = n.getAttributes();
          int left = Integer.parseInt(a.getNamedItem("imageLeftPosition").getNodeValue());
          int top = Integer.parseInt(a.getNamedItem("imageTopPosition").getNodeValue());
          javax.imageio.metadata.IIOMetadata stream = reader.getStreamMetadata();
          org.w3c.dom.Node sroot = stream.getAsTree("javax_imageio_gif_stream_1.0");
          for (org.w3c.dom.Node s = sroot.getFirstChild(); s != null; s = s.getNextSibling()) {
            if (s.getNodeName().equals("LogicalScreenDescriptor")) {
              int sw = Integer.parseInt(s.getAttributes().getNamedItem("logicalScreenWidth").getNodeValue());
              int sh = Integer.parseInt(s.getAttributes().getNamedItem("logicalScreenHeight").getNodeValue());
              if ((sw != frame.width() || sh != frame.height() || left != 0 || top != 0) && sw > 0 && sh > 0) {
                return frame.placeOn(Math.max(sw, left + frame.width()), Math.max(sh, top + frame.height()), left, top);
              }
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no usable metadata: keep the frame as decoded
    }
    return frame;
  }

  /** Pillow's convert("RGB") of whatever mode the file decoded to. */
  static RgbImage toRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[w * h * 3];
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    if (cm instanceof IndexColorModel icm) {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          int o = (y * w + x) * 3;
          out[o] = (byte) icm.getRed(row[x]);
          out[o + 1] = (byte) icm.getGreen(row[x]);
          out[o + 2] = (byte) icm.getBlue(row[x]);
        }
      }
      return new RgbImage(w, h, out);
    }
    int bands = raster.getNumBands();
    boolean cmyk = cm.getColorSpace().getType() == ColorSpace.TYPE_CMYK;
    int[] bits = raster.getSampleModel().getSampleSize();
    int colourBands = cm.getNumColorComponents();
    int[][] samples = new int[bands][w];
    for (int y = 0; y < h; y++) {
      for (int b = 0; b < bands; b++) {
        raster.getSamples(0, y, w, 1, b, samples[b]);
      }
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 3;
        if (cmyk) {
          cmykPixel(to8(samples[0][x], bits[0]), to8(samples[1][x], bits[1]), to8(samples[2][x], bits[2]),
              to8(samples[3][x], bits[3]), out, o);
        } else if (colourBands < 3) {
          // grey: 16-bit single-channel images clip at 255 as Pillow's I;16 -> L does; grey+alpha keeps the high byte
          int v = bits[0] == 16 && bands == 1 ? Math.min(samples[0][x], 255) : to8(samples[0][x], bits[0]);
          out[o] = out[o + 1] = out[o + 2] = (byte) v;
        } else {
          out[o] = (byte) to8(samples[0][x], bits[0]);
          out[o + 1] = (byte) to8(samples[1][x], bits[1]);
          out[o + 2] = (byte) to8(samples[2][x], bits[2]);
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  /** Pillow's cmyk2rgb: {@code 255 - k - MULDIV255(c, 255 - k)}, clipped. */
  static void cmykPixel(int c, int m, int y, int k, byte[] out, int o) {
    int nk = 255 - k;
    out[o] = (byte) clip(nk - mulDiv255(c, nk));
    out[o + 1] = (byte) clip(nk - mulDiv255(m, nk));
    out[o + 2] = (byte) clip(nk - mulDiv255(y, nk));
  }

  private static int mulDiv255(int a, int b) {
    int t = a * b + 128;
    return ((t >> 8) + t) >> 8;
  }

  private static int clip(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }

  /** 8-bit value of a sample: 16-bit keeps the high byte (Pillow's ;16B unpackers), other depths scale to 0-255. */
  private static int to8(int v, int bits) {
    if (bits == 8) {
      return v;
    }
    if (bits == 16) {
      return v >> 8;
    }
    int max = (1 << bits) - 1;
    return max == 0 ? 0 : v * 255 / max;
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static String oneLine(String s) {
    String line = s.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl);
  }
}
