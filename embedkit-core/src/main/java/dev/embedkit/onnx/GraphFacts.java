package dev.embedkit.onnx;

import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.nio.ByteBuffer;
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
  private static final int CHUNK = 1 << 20;

  public static GraphFacts scan(Path onnxFile) {
    try (FileChannel channel = FileChannel.open(onnxFile, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        throw EmbedkitException.model("ONNX graph " + onnxFile + " is empty", null);
      }
      if (size > Integer.MAX_VALUE) {
        return new GraphFacts(size, false, false); // a graph this big keeps its weights in external data
      }
      boolean[] found = new boolean[3];
      byte[][] needles = {DYNAMIC_QUANTIZE, MATMUL_INTEGER, QLINEAR};
      int overlap = DYNAMIC_QUANTIZE.length;
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK + overlap);
      long position = 0;
      while (position < size) {
        chunk.clear();
        while (chunk.hasRemaining() && channel.read(chunk, position + chunk.position()) > 0) {
          // fill the chunk
        }
        for (int n = 0; n < needles.length; n++) {
          found[n] |= contains(chunk.array(), chunk.position(), needles[n]);
        }
        position += CHUNK; // the next chunk starts inside this one's overlap, so no name is split across chunks
      }
      boolean dynamic = found[0];
      return new GraphFacts(size, dynamic || found[1] || found[2], dynamic);
    } catch (IOException e) {
      throw EmbedkitException.model("cannot read ONNX graph " + onnxFile + ": " + e.getMessage(), e);
    }
  }

  private static boolean contains(byte[] haystack, int length, byte[] needle) {
    byte first = needle[0];
    outer:
    for (int i = 0, limit = length - needle.length; i <= limit; i++) {
      if (haystack[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
