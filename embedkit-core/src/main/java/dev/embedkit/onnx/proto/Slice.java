package dev.embedkit.onnx.proto;

/** A view of part of a byte array: an encoded protobuf message or field, kept without copying. */
record Slice(byte[] array, int offset, int length) {
  static Slice of(byte[] bytes) {
    return new Slice(bytes, 0, bytes.length);
  }
}
