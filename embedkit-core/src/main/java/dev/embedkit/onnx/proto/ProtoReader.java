package dev.embedkit.onnx.proto;

import java.nio.charset.StandardCharsets;

/**
 * Reads Protocol Buffers wire format (the encoding of ONNX files) field by field, without copying: length-delimited
 * fields come back as {@link Slice}s of the same array. Only what ONNX uses: varints, 32/64-bit and length-delimited.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private final int end;
  private int pos;
  private int fieldStart;

  ProtoReader(Slice slice) {
    this.buf = slice.array();
    this.pos = slice.offset();
    this.end = slice.offset() + slice.length();
  }

  boolean hasMore() {
    return pos < end;
  }

  /** Reads the next tag; {@link #field} and {@link #wireType} of it follow. */
  int tag() {
    fieldStart = pos;
    long tag = varint();
    if (tag <= 0 || tag > Integer.MAX_VALUE) {
      throw new MalformedOnnxException("bad field tag " + tag + " at byte " + fieldStart);
    }
    return (int) tag;
  }

  static int field(int tag) {
    return tag >>> 3;
  }

  static int wireType(int tag) {
    return tag & 7;
  }

  long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new MalformedOnnxException("truncated varint at byte " + pos);
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new MalformedOnnxException("varint longer than 10 bytes at byte " + pos);
  }

  Slice bytes() {
    long length = varint();
    if (length < 0 || length > end - pos) {
      throw new MalformedOnnxException("field of " + length + " bytes overruns its message at byte " + pos);
    }
    Slice slice = new Slice(buf, pos, (int) length);
    pos += (int) length;
    return slice;
  }

  String string() {
    Slice s = bytes();
    return new String(s.array(), s.offset(), s.length(), StandardCharsets.UTF_8);
  }

  int fixed32() {
    require(4);
    int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> { require(8); pos += 8; }
      case LENGTH_DELIMITED -> bytes();
      case FIXED32 -> { require(4); pos += 4; }
      default -> throw new MalformedOnnxException("unsupported wire type " + wireType + " at byte " + fieldStart);
    }
  }

  /** The whole field just read or skipped, tag included, for copying it unchanged. */
  Slice lastField() {
    return new Slice(buf, fieldStart, pos - fieldStart);
  }

  private void require(int n) {
    if (end - pos < n) {
      throw new MalformedOnnxException("truncated field at byte " + pos);
    }
  }
}
