package dev.embedkit.onnx;

import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Facts read from an ONNX file's bytes without a protobuf parser: operator types are stored as plain strings, so a
 * byte search finds them.
 *
 * @param sizeBytes file size
 * @param quantized the graph has integer quantisation operators (MatMulInteger, QLinear*, DynamicQuantizeLinear)
 * @param batchCoupled the graph computes something over the whole batch tensor, so one input's output depends on its
 *     neighbours: DynamicQuantizeLinear picks one scale for the whole tensor. Such graphs are run one input per call.
 */
public record GraphFacts(long sizeBytes, boolean quantized, boolean batchCoupled) {
  private static final byte[] DYNAMIC_QUANTIZE = "DynamicQuantizeLinear".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MATMUL_INTEGER = "MatMulInteger".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] QLINEAR = "QLinear".getBytes(StandardCharsets.US_ASCII);

  public static GraphFacts scan(Path onnxFile) {
    try (FileChannel channel = FileChannel.open(onnxFile, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        throw EmbedkitException.model("ONNX graph " + onnxFile + " is empty", null);
      }
      if (size > Integer.MAX_VALUE) {
        return new GraphFacts(size, false, false); // a graph this big keeps its weights in external data
      }
      MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      boolean dynamic = contains(bytes, DYNAMIC_QUANTIZE);
      boolean quantized = dynamic || contains(bytes, MATMUL_INTEGER) || contains(bytes, QLINEAR);
      return new GraphFacts(size, quantized, dynamic);
    } catch (IOException e) {
      throw EmbedkitException.model("cannot read ONNX graph " + onnxFile + ": " + e.getMessage(), e);
    }
  }

  private static boolean contains(MappedByteBuffer haystack, byte[] needle) {
    int limit = haystack.limit() - needle.length;
    byte first = needle[0];
    outer:
    for (int i = 0; i <= limit; i++) {
      if (haystack.get(i) != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack.get(i + j) != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
