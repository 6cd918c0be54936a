package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.server.ServerException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Qdrant's point ids: an unsigned 64-bit integer or a UUID, nothing else (a numeric string such as {@code "1"} is
 * not an id, as in Qdrant). Stored as the store's string id: the integer in decimal, the UUID in its canonical
 * lowercase hyphenated form; read back as the JSON type it came in. A store id of neither form (a document written
 * through embedkit's own API) is shown as a string.
 */
final class QdrantIds {
  static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,19}");
  private static final Pattern HYPHENATED =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern SIMPLE = Pattern.compile("[0-9a-fA-F]{32}");

  private QdrantIds() {}

  /** A point id from JSON as the store's id, or Qdrant's 400. */
  static String parse(JsonNode node) {
    if (node != null && node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      if (value.signum() >= 0 && value.compareTo(MAX_UNSIGNED) <= 0) {
        return value.toString();
      }
    } else if (node != null && node.isTextual()) {
      String uuid = uuid(node.textValue());
      if (uuid != null) {
        return uuid;
      }
    }
    throw invalid(node);
  }

  /** A UUID in any of the forms Qdrant reads (hyphenated, 32 hex digits, braced, urn:uuid:) as canonical, or null. */
  static String uuid(String text) {
    String t = text;
    if (t.startsWith("urn:uuid:")) {
      t = t.substring(9);
    } else if (t.startsWith("{") && t.endsWith("}")) {
      t = t.substring(1, t.length() - 1);
    }
    if (SIMPLE.matcher(t).matches()) {
      t = t.substring(0, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12, 16) + "-" + t.substring(16, 20) + "-"
          + t.substring(20);
    }
    return HYPHENATED.matcher(t).matches() ? t.toLowerCase(Locale.ROOT) : null;
  }

  /** Qdrant's own words for an id it cannot take. */
  static ServerException invalid(JsonNode node) {
    String shown = node == null ? "null" : node.isTextual() ? node.textValue() : node.toString();
    if (shown.length() > 80) {
      shown = shown.substring(0, 80) + "...";
    }
    return ServerException.malformed("Format error in JSON body: value " + shown + " is not a valid point ID, valid"
        + " values are either an unsigned integer or a UUID", "id");
  }

  /** Writes a stored id as Qdrant shows it: a number for a decimal id, else a string. */
  static void write(JsonGenerator json, String id) throws IOException {
    if (DECIMAL.matcher(id).matches()) {
      BigInteger value = new BigInteger(id);
      if (value.compareTo(MAX_UNSIGNED) <= 0) {
        json.writeNumber(value);
        return;
      }
    }
    json.writeString(id);
  }

  /** An id as Qdrant's messages show it. */
  static String shown(String id) {
    return DECIMAL.matcher(id).matches() ? id : "\"" + id + "\"";
  }
}
