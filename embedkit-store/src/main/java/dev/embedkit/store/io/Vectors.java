package dev.embedkit.store.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.util.Arrays;

/** Vectors as JSON arrays: the checks an import makes on one. */
final class Vectors {
  private Vectors() {}

  /**
   * The JSON array of numbers the parser is at, as floats, or null for a JSON null. Each number is read from its
   * decimal text straight to the nearest float ({@link Float#parseFloat}: rounded once, not through a double, and
   * -0.0 kept), so a float written as its shortest decimal reads back bit for bit. Non-numbers, and numbers that are
   * infinite as floats (1e39), are refused naming {@code what} and the position.
   */
  static float[] read(JsonParser json, String what) throws IOException {
    JsonToken token = json.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_ARRAY) {
      throw EmbedkitException.invalidInput(what + " is a JSON " + JsonValues.kind(token)
          + "; accepted: an array of numbers");
    }
    float[] vector = new float[64];
    int n = 0;
    for (token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        throw EmbedkitException.invalidInput(what + "[" + n + "] is a JSON " + JsonValues.kind(token)
            + "; accepted: numbers");
      }
      float value = Float.parseFloat(json.getText());
      if (!Float.isFinite(value)) {
        throw EmbedkitException.invalidInput(what + "[" + n + "] is " + json.getText() + ", outside the float range;"
            + " accepted: finite numbers within +-3.4e38");
      }
      if (n == vector.length) {
        vector = Arrays.copyOf(vector, n * 2);
      }
      vector[n++] = value;
    }
    if (n == 0) {
      throw EmbedkitException.invalidInput(what + " is an empty array; accepted: an array of numbers");
    }
    return Arrays.copyOf(vector, n);
  }
}
