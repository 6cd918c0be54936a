package dev.embedkit.cli;

import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.io.NpyHeader;
import dev.embedkit.quant.Precision;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a NumPy .npy file (format version 1.0): magic, header dict padded so the data starts on a 64-byte boundary,
 * then the array in C order. float32 as little-endian {@code <f4}; int8 and binary as {@code |i1}; uint8 and ubinary
 * as {@code |u1}.
 */
final class NpyWriter {
  private NpyWriter() {}

  static void write(EmbeddingResult result, OutputStream out) throws IOException {
    int rows = result.embeddings().size();
    int cols = rows == 0 ? result.precision().outputLength(result.dimensions()) : result.embeddings().get(0).length();
    String dtype = result.precision() == Precision.FLOAT32 ? "<f4" : result.precision().isSigned() ? "|i1" : "|u1";
    out.write(NpyHeader.of(dtype, rows, cols));
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
}
