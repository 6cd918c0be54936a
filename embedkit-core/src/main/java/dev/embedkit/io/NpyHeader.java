package dev.embedkit.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The header of a NumPy .npy file (format version 1.0) holding a 2-D array in C order: magic, version, header length,
 * then the dict padded with spaces to a newline so the data starts on a 64-byte boundary, as {@code numpy.save} writes
 * it. The CLI's {@code embed --format npy} and the store's exports write it.
 */
public final class NpyHeader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

  private NpyHeader() {}

  /**
   * @param dtype NumPy's type string: {@code <f4} (little-endian float32), {@code |i1}, {@code |u1}
   */
  public static byte[] of(String dtype, long rows, int cols) {
    String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    String padded = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    byte[] dictBytes = padded.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 2 + dictBytes.length).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC).putShort((short) dictBytes.length).put(dictBytes);
    return header.array();
  }
}
