package dev.embedkit.bench.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The TEXMEX vector formats (the ANN benchmarks' own: SIFT1M, GIST1M, ann-benchmarks' sources), read by the Java side
 * and by the node peer alike: {@code .fvecs} holds each vector as a little-endian int32 dimension count followed by
 * that many little-endian float32s; {@code .ivecs} the same with int32 values (here: ground-truth neighbour ids).
 */
final class Fvecs {
  private Fvecs() {}

  /** Appends vectors to an open stream, each with its dimension count. */
  static final class Writer implements AutoCloseable {
    private final OutputStream out;
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    private long count;

    Writer(Path file) throws IOException {
      out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    }

    void write(float[] vector) throws IOException {
      ensure(4 + 4 * vector.length);
      buffer.putInt(vector.length);
      buffer.asFloatBuffer().put(vector);
      out.write(buffer.array(), 0, 4 + 4 * vector.length);
      count++;
    }

    void write(int[] values) throws IOException {
      ensure(4 + 4 * values.length);
      buffer.putInt(values.length);
      buffer.asIntBuffer().put(values);
      out.write(buffer.array(), 0, 4 + 4 * values.length);
      count++;
    }

    long count() {
      return count;
    }

    private void ensure(int bytes) {
      if (buffer.capacity() < bytes) {
        buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
      }
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Streams the vectors of an .fvecs file in order, one fresh array each; close it when done. */
  static final class Reader implements Iterator<float[]>, AutoCloseable {
    private final DataInputStream in;
    private final Path file;
    private float[] next;
    private byte[] bytes = new byte[0];

    Reader(Path file) throws IOException {
      this.file = file;
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20));
      advance();
    }

    private void advance() {
      try {
        int dims = Integer.reverseBytes(in.readInt());
        if (dims <= 0 || dims > 65_536) {
          throw new IllegalStateException(file + " is not an .fvecs file: a vector of " + dims + " dimensions");
        }
        if (bytes.length != 4 * dims) {
          bytes = new byte[4 * dims];
        }
        in.readFully(bytes);
        next = new float[dims];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(next);
      } catch (EOFException e) {
        next = null;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public float[] next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      float[] result = next;
      advance();
      return result;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  static void write(Path file, List<float[]> vectors) throws IOException {
    try (Writer writer = new Writer(file)) {
      for (float[] v : vectors) {
        writer.write(v);
      }
    }
  }

  static List<float[]> readAll(Path file) throws IOException {
    List<float[]> vectors = new ArrayList<>();
    try (Reader reader = new Reader(file)) {
      reader.forEachRemaining(vectors::add);
    }
    return vectors;
  }

  static void writeInts(Path file, int[][] rows) throws IOException {
    try (Writer writer = new Writer(file)) {
      for (int[] row : rows) {
        writer.write(row);
      }
    }
  }

  static int[][] readInts(Path file) throws IOException {
    List<int[]> rows = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
      while (true) {
        int n;
        try {
          n = Integer.reverseBytes(in.readInt());
        } catch (EOFException e) {
          break;
        }
        int[] row = new int[n];
        for (int i = 0; i < n; i++) {
          row[i] = Integer.reverseBytes(in.readInt());
        }
        rows.add(row);
      }
    }
    return rows.toArray(new int[0][]);
  }

  /** Vectors in an .fvecs file of vectors of {@code dims} dimensions, from its size. */
  static long count(Path file, int dims) throws IOException {
    return Files.size(file) / (4L + 4L * dims);
  }
}
