package dev.embedkit.server.clients;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact vector comparison: float for float, by bit pattern. On a difference the message names the text, the
 * component, both floats with their bits and, when the answer was JSON numbers, the digits the server wrote, so a
 * rounding problem in the JSON can be told from a different computation.
 */
final class VectorAssert {
  private VectorAssert() {}

  static float[] toArray(List<? extends Number> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  static float[] toArray(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /**
   * Asserts that {@code actual} holds exactly the library's vectors, in order.
   *
   * @param texts the texts, for the message
   * @param exchange the recorded exchange that produced {@code actual} (null if none), for the message
   * @param vectorField the JSON field holding the vectors in the response ("embedding" for OpenAI's
   *     {@code data[].embedding}, "embeddings" for Ollama's array of arrays), to quote the digits the server wrote
   */
  static void assertSameVectors(List<String> texts, List<float[]> expected, List<float[]> actual,
      WireTap.Exchange exchange, String vectorField) {
    StringBuilder problems = new StringBuilder();
    if (expected.size() != actual.size()) {
      problems.append("expected ").append(expected.size()).append(" vectors, got ").append(actual.size()).append('\n');
    }
    List<List<String>> raw = null;
    for (int v = 0; v < Math.min(expected.size(), actual.size()); v++) {
      float[] e = expected.get(v);
      float[] a = actual.get(v);
      if (e.length != a.length) {
        problems.append("vector ").append(v).append(": expected ").append(e.length).append(" dimensions, got ")
            .append(a.length).append('\n');
        continue;
      }
      int differing = 0;
      int first = -1;
      double maxAbs = 0;
      for (int i = 0; i < e.length; i++) {
        if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
          differing++;
          if (first < 0) {
            first = i;
          }
          maxAbs = Math.max(maxAbs, Math.abs((double) e[i] - a[i]));
        }
      }
      if (differing > 0) {
        if (raw == null && exchange != null && exchange.response() != null && vectorField != null) {
          raw = rawNumbers(exchange.response().bodyText(), vectorField);
        }
        String digits = raw != null && v < raw.size() && first < raw.get(v).size()
            ? "; the server wrote \"" + raw.get(v).get(first) + "\"" : "";
        problems.append(String.format(
            "vector %d (text %d: \"%s\"): %d of %d components differ, max |diff| %.3g; first at [%d]: library %s"
                + " (bits 0x%08x), client got %s (bits 0x%08x)%s%n",
            v, v, abbreviate(texts.get(Math.min(v, texts.size() - 1))), differing, e.length, maxAbs, first,
            Float.toString(e[first]), Float.floatToIntBits(e[first]), Float.toString(a[first]),
            Float.floatToIntBits(a[first]), digits));
      }
    }
    if (problems.length() > 0) {
      throw new AssertionError("vectors differ from the library's:\n" + problems
          + (exchange == null ? "" : "exchange:\n" + exchange.describe()));
    }
  }

  /** The number tokens, as written, of each vector under {@code field} (a flat array or an array of arrays). */
  static List<List<String>> rawNumbers(String json, String field) {
    List<List<String>> vectors = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals(field) && p.nextToken() == JsonToken.START_ARRAY) {
          List<String> current = null;
          int depth = 1;
          while (depth > 0 && (t = p.nextToken()) != null) {
            if (t == JsonToken.START_ARRAY) {
              depth++;
              current = new ArrayList<>();
              vectors.add(current);
            } else if (t == JsonToken.END_ARRAY) {
              depth--;
            } else if (t.isNumeric()) {
              if (current == null) {
                current = new ArrayList<>();
                vectors.add(current);
              }
              current.add(p.getText());
            }
          }
        }
      }
    } catch (IOException e) {
      return vectors;
    }
    return vectors;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
