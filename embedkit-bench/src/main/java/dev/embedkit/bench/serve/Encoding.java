package dev.embedkit.bench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/** OpenAI's {@code encoding_format}: how a vector travels in an embeddings response, and how to read it back. */
enum Encoding {
  /** A JSON array of numbers. */
  FLOAT("float") {
    @Override
    float[] vector(JsonNode embedding) {
      if (!embedding.isArray()) {
        throw new IllegalArgumentException("embedding is " + embedding.getNodeType() + ", not an array");
      }
      float[] vector = new float[embedding.size()];
      for (int i = 0; i < vector.length; i++) {
        JsonNode value = embedding.get(i);
        if (!value.isNumber()) {
          throw new IllegalArgumentException("embedding[" + i + "] is " + value.getNodeType() + ", not a number");
        }
        vector[i] = value.floatValue();
      }
      return vector;
    }
  },
  /** Base64 of the little-endian float32 bytes, as OpenAI's clients request by default. */
  BASE64("base64") {
    @Override
    float[] vector(JsonNode embedding) {
      if (!embedding.isTextual()) {
        throw new IllegalArgumentException("embedding is " + embedding.getNodeType() + ", not a base64 string");
      }
      byte[] bytes = Base64.getDecoder().decode(embedding.textValue());
      if (bytes.length % Float.BYTES != 0) {
        throw new IllegalArgumentException("base64 embedding of " + bytes.length + " bytes is not float32");
      }
      float[] vector = new float[bytes.length / Float.BYTES];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
      return vector;
    }
  };

  private final String wireName;

  Encoding(String wireName) {
    this.wireName = wireName;
  }

  String wireName() {
    return wireName;
  }

  /** The vector in one {@code data[i].embedding}; IllegalArgumentException when it is not of this encoding. */
  abstract float[] vector(JsonNode embedding);

  static Encoding fromString(String name) {
    for (Encoding encoding : values()) {
      if (encoding.wireName.equalsIgnoreCase(name.strip())) {
        return encoding;
      }
    }
    throw new IllegalArgumentException("unknown encoding '" + name + "'; valid encodings are "
        + Arrays.stream(values()).map(Encoding::wireName).collect(Collectors.joining(", ")));
  }
}
