package dev.embedkit.store.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedkitException;

/** Vectors as JSON arrays: the checks an import makes on one. */
final class Vectors {
  private Vectors() {}

  /**
   * A JSON array of numbers as floats, or null for a missing or null value. Each number is rounded to float once (from
   * its decimal, see {@link JsonValues#MAPPER}); non-numbers, and numbers that are infinite as floats (1e39), are
   * refused naming {@code what} and the position.
   */
  static float[] read(JsonNode array, String what) {
    if (array == null || array.isNull()) {
      return null;
    }
    if (!array.isArray() || array.isEmpty()) {
      throw EmbedkitException.invalidInput(what + " is " + (array.isArray() ? "an empty array" : "a JSON "
          + JsonlSource.kind(array)) + "; accepted: an array of numbers");
    }
    float[] vector = new float[array.size()];
    for (int i = 0; i < vector.length; i++) {
      JsonNode element = array.get(i);
      if (!element.isNumber()) {
        throw EmbedkitException.invalidInput(what + "[" + i + "] is a JSON " + JsonlSource.kind(element)
            + "; accepted: numbers");
      }
      float value = element.floatValue();
      if (!Float.isFinite(value)) {
        throw EmbedkitException.invalidInput(what + "[" + i + "] is " + element.asText() + ", outside the float range;"
            + " accepted: finite numbers within +-3.4e38");
      }
      vector[i] = value;
    }
    return vector;
  }
}
