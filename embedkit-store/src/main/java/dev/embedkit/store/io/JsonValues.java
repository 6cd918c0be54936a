package dev.embedkit.store.io;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON settings imports and exports share. */
final class JsonValues {
  /** Duplicate keys are errors, not the last one silently winning. */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonValues() {}

  /** What a value starting with this token is, for messages: "string", "number", "array"... */
  static String kind(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      case START_ARRAY -> "array";
      case START_OBJECT -> "object";
      default -> token.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
