package dev.embedkit.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.server.ServerException;

/** Typed reads of request fields; a wrong type is a one-line MALFORMED error naming the field and what it takes. */
public final class Fields {
  private Fields() {}

  /** A present, non-null field. */
  public static boolean has(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    return node != null && !node.isNull();
  }

  public static String string(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ServerException.malformed("'" + name + "' must be a string; got " + Json.kind(node), name);
    }
    return node.textValue();
  }

  public static Boolean bool(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw ServerException.malformed("'" + name + "' must be true or false; got " + Json.kind(node), name);
    }
    return node.booleanValue();
  }

  public static Integer integer(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ServerException.malformed("'" + name + "' must be an integer; got " + Json.kind(node)
          + (node.isNumber() ? " " + node.asText() : ""), name);
    }
    return node.intValue();
  }

  /** A positive {@code dimensions}, or null; the model checks the upper bound. */
  public static Integer dimensions(ObjectNode body, String name) {
    Integer value = integer(body, name);
    if (value != null && value < 1) {
      throw ServerException.invalid("'" + name + "' must be a positive integer; got " + value, name);
    }
    return value;
  }
}
