package dev.embedkit.bench.explore;

import dev.embedkit.io.NpyHeader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 2-D NumPy .npy files, the benchmark's one exchange format: the points every engine reads (float32), the 2-D maps
 * and kNN graphs every engine writes back (float32 / float64, int32 / int64). Writes through embedkit-core's
 * {@link NpyHeader} (format 1.0, as {@code numpy.save} writes it); reads format 1.0 to 3.0, little-endian, C order.
 */
public final class Npy {
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|=]?[a-z][0-9])'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(\\s*(\\d+)\\s*,?\\s*(\\d*)\\s*,?\\s*\\)");

  private Npy() {}

  /** The array's shape and element type, from its header. */
  record Header(String dtype, int rows, int cols, long dataOffset) {}

  public static void writeFloats(Path file, float[][] rows) throws IOException {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    ByteBuffer row = ByteBuffer.allocate(4 * cols).order(ByteOrder.LITTLE_ENDIAN);
    write(file, "<f4", rows.length, cols, out -> {
      for (float[] r : rows) {
        check(r.length, cols);
        row.clear();
        row.asFloatBuffer().put(r);
        out.write(row.array());
      }
    });
  }

  public static void writeInts(Path file, int[][] rows) throws IOException {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    ByteBuffer row = ByteBuffer.allocate(4 * cols).order(ByteOrder.LITTLE_ENDIAN);
    write(file, "<i4", rows.length, cols, out -> {
      for (int[] r : rows) {
        check(r.length, cols);
        row.clear();
        row.asIntBuffer().put(r);
        out.write(row.array());
      }
    });
  }

  /** Rows of float32 or float64 (narrowed to float). */
  public static float[][] readFloats(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Header h = header(channel, file);
      int size = switch (h.dtype()) {
        case "f4" -> 4;
        case "f8" -> 8;
        default -> throw new IOException(file + ": float32 or float64 expected; dtype " + h.dtype());
      };
      float[][] rows = new float[h.rows()][h.cols()];
      ByteBuffer row = ByteBuffer.allocate(size * h.cols()).order(ByteOrder.LITTLE_ENDIAN);
      channel.position(h.dataOffset());
      for (float[] r : rows) {
        readFully(channel, row, file);
        if (size == 4) {
          row.asFloatBuffer().get(r);
        } else {
          for (int c = 0; c < r.length; c++) {
            r[c] = (float) row.getDouble(8 * c);
          }
        }
      }
      return rows;
    }
  }

  /** Rows of int32 or int64 (narrowed to int). */
  public static int[][] readInts(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Header h = header(channel, file);
      int size = switch (h.dtype()) {
        case "i4" -> 4;
        case "i8" -> 8;
        default -> throw new IOException(file + ": int32 or int64 expected; dtype " + h.dtype());
      };
      int[][] rows = new int[h.rows()][h.cols()];
      ByteBuffer row = ByteBuffer.allocate(size * h.cols()).order(ByteOrder.LITTLE_ENDIAN);
      channel.position(h.dataOffset());
      for (int[] r : rows) {
        readFully(channel, row, file);
        if (size == 4) {
          row.asIntBuffer().get(r);
        } else {
          for (int c = 0; c < r.length; c++) {
            r[c] = Math.toIntExact(row.getLong(8 * c));
          }
        }
      }
      return rows;
    }
  }

  /** The header of a 2-D little-endian C-order array (a 1-D one reads as n x 1). */
  static Header header(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return header(channel, file);
    }
  }

  private static Header header(FileChannel channel, Path file) throws IOException {
    ByteBuffer start = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    channel.position(0);
    channel.read(start);
    start.flip();
    if (start.remaining() < 10 || (start.get(0) & 0xff) != 0x93 || start.get(1) != 'N' || start.get(5) != 'Y') {
      throw new IOException(file + " is not a .npy file");
    }
    int major = start.get(6);
    long headerLength;
    long dictStart;
    if (major == 1) {
      headerLength = start.getShort(8) & 0xffff;
      dictStart = 10;
    } else {
      headerLength = start.getInt(8) & 0xffffffffL;
      dictStart = 12;
    }
    ByteBuffer dictBytes = ByteBuffer.allocate((int) headerLength);
    channel.position(dictStart);
    readFully(channel, dictBytes, file);
    String dict = new String(dictBytes.array(), StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(dict);
    Matcher fortran = FORTRAN.matcher(dict);
    Matcher shape = SHAPE.matcher(dict);
    if (!descr.find() || !fortran.find() || !shape.find()) {
      throw new IOException(file + ": unreadable .npy header " + dict.strip());
    }
    String dtype = descr.group(1);
    if (dtype.startsWith(">")) {
      throw new IOException(file + ": big-endian data is not read here (" + dtype + ")");
    }
    if (fortran.group(1).equals("True")) {
      throw new IOException(file + ": Fortran-order data is not read here");
    }
    int rows = Integer.parseInt(shape.group(1));
    int cols = shape.group(2).isEmpty() ? 1 : Integer.parseInt(shape.group(2));
    return new Header(dtype.replaceAll("^[<|=]", ""), rows, cols, dictStart + headerLength);
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** Writes through a temporary file moved into place, so a reader never sees half a file. */
  private static void write(Path file, String dtype, int rows, int cols, Body body) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
      out.write(NpyHeader.of(dtype, rows, cols));
      body.write(out);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
    buffer.clear();
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new IOException(file + " ends before its header says");
      }
    }
    buffer.flip();
  }

  private static void check(int length, int cols) {
    if (length != cols) {
      throw new IllegalArgumentException("rows must share one length; got " + length + " and " + cols);
    }
  }
}
