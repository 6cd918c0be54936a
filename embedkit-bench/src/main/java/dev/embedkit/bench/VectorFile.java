package dev.embedkit.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Vectors passed from a child JVM to the parent: count, dimensions, then the floats row by row (big-endian). */
public final class VectorFile {
  private VectorFile() {}

  public static void write(List<float[]> vectors, Path file) {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      int dims = vectors.isEmpty() ? 0 : vectors.get(0).length;
      out.writeInt(vectors.size());
      out.writeInt(dims);
      for (float[] vector : vectors) {
        if (vector.length != dims) {
          throw new IllegalArgumentException("vectors must share one length; got " + vector.length + " and " + dims);
        }
        for (float v : vector) {
          out.writeFloat(v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write vectors to " + file, e);
    }
  }

  public static List<float[]> read(Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      int count = in.readInt();
      int dims = in.readInt();
      List<float[]> vectors = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        float[] vector = new float[dims];
        for (int d = 0; d < dims; d++) {
          vector[d] = in.readFloat();
        }
        vectors.add(vector);
      }
      return vectors;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vectors from " + file, e);
    }
  }
}
