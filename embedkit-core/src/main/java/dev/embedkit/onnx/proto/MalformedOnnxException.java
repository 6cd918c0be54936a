package dev.embedkit.onnx.proto;

/** The bytes are not a well-formed ONNX protobuf; the message says where. */
public final class MalformedOnnxException extends RuntimeException {
  public MalformedOnnxException(String message) {
    super(message);
  }
}
