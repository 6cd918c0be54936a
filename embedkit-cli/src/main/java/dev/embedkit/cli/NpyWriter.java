package dev.embedkit.cli;

import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.quant.Precision;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a NumPy .npy file (format version 1.0): magic, header dict padded so the data starts on a 64-byte boundary,
 * then the array in C order. float32 as little-endian {@code <f4}; int8 and binary as {@code |i1}; uint8 and ubinary
 * as {@code |u1}.
 */
final class NpyWriter {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

  private NpyWriter() {}

  static void write(EmbeddingResult result, OutputStream out) throws IOException {
    int rows = result.embeddings().size();
    int cols = rows == 0 ? result.precision().outputLength(result.dimensions()) : result.embeddings().get(0).length();
    String dtype = result.precision() == Precision.FLOAT32 ? "<f4" : result.precision().isSigned() ? "|i1" : "|u1";
    out.write(header(dtype, rows, cols));
    if (result.precision() == Precision.FLOAT32) {
      ByteBuffer buffer = ByteBuffer.allocate(cols * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (Embedding e : result.embeddings()) {
        buffer.clear();
        buffer.asFloatBuffer().put(e.vector());
        out.write(buffer.array());
      }
    } else {
      for (Embedding e : result.embeddings()) {
        out.write(e.bytes());
      }
    }
    out.flush();
  }

  static byte[] header(String dtype, int rows, int cols) {
    String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String padded = dict + " ".repeat(padding) + "\n";
    byte[] dictBytes = padded.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 2 + dictBytes.length).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC).putShort((short) dictBytes.length).put(dictBytes);
    return header.array();
  }
}
