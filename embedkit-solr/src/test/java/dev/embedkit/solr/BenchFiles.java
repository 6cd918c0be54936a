package dev.embedkit.solr;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the TEXMEX files that embedkit-bench's store data writes for {@link SolrBench} ({@code .fvecs}: per vector a
 * little-endian int32 dimension count and that many float32s; {@code .ivecs}: the same with int32s). A copy of the
 * reading half of embedkit-bench's {@code Fvecs} (this module cannot depend on the bench module), with writers for
 * SolrBenchTest's small data.
 */
final class BenchFiles {
  private BenchFiles() {}

  static List<float[]> readVectors(Path file) throws IOException {
    List<float[]> out = new ArrayList<>();
    for (ByteBuffer row : rows(file)) {
      float[] v = new float[row.remaining() / 4];
      row.asFloatBuffer().get(v);
      out.add(v);
    }
    return out;
  }

  static int[][] readInts(Path file) throws IOException {
    List<int[]> out = new ArrayList<>();
    for (ByteBuffer row : rows(file)) {
      int[] v = new int[row.remaining() / 4];
      row.asIntBuffer().get(v);
      out.add(v);
    }
    return out.toArray(new int[0][]);
  }

  static void writeVectors(Path file, List<float[]> vectors) throws IOException {
    write(file, vectors.stream().map(v -> {
      ByteBuffer row = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      row.asFloatBuffer().put(v);
      return row;
    }).toList());
  }

  static void writeInts(Path file, int[][] rows) throws IOException {
    write(file, java.util.Arrays.stream(rows).map(v -> {
      ByteBuffer row = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      row.asIntBuffer().put(v);
      return row;
    }).toList());
  }

  private static void write(Path file, List<ByteBuffer> rows) throws IOException {
    try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      for (ByteBuffer row : rows) {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(row.capacity() / 4).array());
        out.write(row.array());
      }
    }
  }

  private static List<ByteBuffer> rows(Path file) throws IOException {
    List<ByteBuffer> rows = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      while (true) {
        int n;
        try {
          n = Integer.reverseBytes(in.readInt());
        } catch (EOFException end) {
          return rows;
        }
        if (n <= 0 || n > 65_536) {
          throw new IOException(file + " is not an .fvecs/.ivecs file: a row of " + n + " values");
        }
        byte[] bytes = new byte[4 * n];
        in.readFully(bytes);
        rows.add(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
      }
    }
  }
}
