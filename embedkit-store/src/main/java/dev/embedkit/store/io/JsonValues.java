package dev.embedkit.store.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON settings imports and exports share. */
final class JsonValues {
  /**
   * Reads decimals as BigDecimal, so a float written as its shortest decimal (Float.toString) reads back as the same
   * float, rounded once ({@code BigDecimal.floatValue}) instead of twice through a double. Duplicate keys are errors,
   * not the last one silently winning, and so is anything after a line's value.
   */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonValues() {}
}
