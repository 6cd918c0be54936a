package dev.embedkit.onnx.proto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes Protocol Buffers wire format into a growing array. */
final class ProtoWriter {
  private byte[] buf;
  private int size;

  ProtoWriter(int capacity) {
    this.buf = new byte[Math.max(16, capacity)];
  }

  ProtoWriter() {
    this(256);
  }

  int size() {
    return size;
  }

  /** The bytes written; the buffer itself when it is exactly full (no copy). */
  byte[] toByteArray() {
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }

  /** Bytes {@link #messageField} will write for this field and message. */
  static int messageFieldSize(int field, ProtoWriter message) {
    return varintSize((long) field << 3) + varintSize(message.size) + message.size;
  }

  private static int varintSize(long value) {
    int n = 1;
    while ((value & ~0x7fL) != 0) {
      value >>>= 7;
      n++;
    }
    return n;
  }

  ProtoWriter varintField(int field, long value) {
    tag(field, ProtoReader.VARINT);
    varint(value);
    return this;
  }

  ProtoWriter stringField(int field, String value) {
    return bytesField(field, Slice.of(value.getBytes(StandardCharsets.UTF_8)));
  }

  ProtoWriter bytesField(int field, Slice value) {
    tag(field, ProtoReader.LENGTH_DELIMITED);
    varint(value.length());
    raw(value);
    return this;
  }

  ProtoWriter messageField(int field, ProtoWriter message) {
    tag(field, ProtoReader.LENGTH_DELIMITED);
    varint(message.size);
    ensure(message.size);
    System.arraycopy(message.buf, 0, buf, size, message.size);
    size += message.size;
    return this;
  }

  /** Copies bytes already encoded (a whole field, tag included). */
  ProtoWriter raw(ProtoWriter encoded) {
    ensure(encoded.size);
    System.arraycopy(encoded.buf, 0, buf, size, encoded.size);
    size += encoded.size;
    return this;
  }

  ProtoWriter raw(Slice encoded) {
    ensure(encoded.length());
    System.arraycopy(encoded.array(), encoded.offset(), buf, size, encoded.length());
    size += encoded.length();
    return this;
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    ensure(varintSize(value));
    while ((value & ~0x7fL) != 0) {
      buf[size++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    buf[size++] = (byte) value;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      long wanted = Math.max((long) buf.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new MalformedOnnxException("an ONNX file over 2 GB cannot be written in one piece");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }
}
