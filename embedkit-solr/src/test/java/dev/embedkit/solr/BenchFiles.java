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
 * reading half of embedkit-bench's {@code Fvecs}: this module cannot depend on the bench module.
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
