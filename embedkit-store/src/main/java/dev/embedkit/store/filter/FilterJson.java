package dev.embedkit.store.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Filters as JSON, for HTTP APIs:
 * <pre>{@code
 * {"and": [{"field": "lang", "op": "eq", "value": "en"},
 *          {"not": {"field": "tags", "op": "in", "values": ["draft", "old"]}},
 *          {"or": [{"field": "year", "op": "gte", "value": 2020}, {"field": "pinned", "op": "exists"}]}]}
 * }</pre>
 * Ops: eq, ne, lt, lte, gt, gte (with {@code value}), in, not_in (with a non-empty {@code values}), exists. JSON
 * integers are Long (beyond 64 bits is an error), numbers with a point or exponent Double ({@code 1.0} stays a
 * Double). An {@code and} or {@code or} of one filter is that filter; of none, an error. Unknown keys are errors.
 * Errors name the JSON path: {@code filter.and[1].value: expected a string, number or boolean, found an object}.
 */
public final class FilterJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String OPS = "eq, ne, lt, lte, gt, gte, in, not_in, exists";

  private FilterJson() {}

  /** Reads a filter whose JSON path is {@code filter}. */
  public static Filter parse(JsonNode json) {
    return parse(json, "filter");
  }

  /** Reads a filter; {@code path} names it in errors (e.g. {@code body.filter}). */
  public static Filter parse(JsonNode json, String path) {
    if (json == null || !json.isObject()) {
      throw error(path, "expected a filter object (with and, or, not, or field and op), found " + kind(json));
    }
    if (json.has("and") || json.has("or")) {
      String key = json.has("and") ? "and" : "or";
      onlyKeys(json, path, Set.of(key));
      return junction(key, json.get(key), path + "." + key);
    }
    if (json.has("not")) {
      onlyKeys(json, path, Set.of("not"));
      return new Filter.Not(parse(json.get("not"), path + ".not"));
    }
    if (!json.has("field")) {
      throw error(path, "expected one of the keys and, or, not, field; found " + keys(json));
    }
    JsonNode fieldNode = json.get("field");
    if (!fieldNode.isTextual() || fieldNode.asText().isEmpty()) {
      throw error(path + ".field", "expected a non-empty string, found " + kind(fieldNode));
    }
    String field = fieldNode.asText();
    JsonNode opNode = json.get("op");
    if (opNode == null || !opNode.isTextual()) {
      throw error(path + ".op", "expected one of " + OPS + ", found " + kind(opNode));
    }
    String op = opNode.asText();
    switch (op) {
      case "exists":
        onlyKeys(json, path, Set.of("field", "op"));
        return new Filter.Exists(field);
      case "in":
      case "not_in":
        onlyKeys(json, path, Set.of("field", "op", "values"));
        Filter.In in = new Filter.In(field, values(json.get("values"), path + ".values"));
        return op.equals("in") ? in : new Filter.Not(in);
      default:
        onlyKeys(json, path, Set.of("field", "op", "value"));
        Filter.Op compare = compareOp(op, path + ".op");
        Object value = value(json.get("value"), path + ".value");
        if (value instanceof Boolean && compare != Filter.Op.EQ && compare != Filter.Op.NE) {
          throw error(path + ".op", Literals.booleanOrdering(compare).getMessage());
        }
        return new Filter.Compare(field, compare, value);
    }
  }

  /** The JSON form of a filter; NOT of IN is written as not_in. */
  public static ObjectNode toJson(Filter filter) {
    ObjectNode node = NODES.objectNode();
    if (filter instanceof Filter.And and) {
      ArrayNode array = node.putArray("and");
      and.operands().forEach(operand -> array.add(toJson(operand)));
    } else if (filter instanceof Filter.Or or) {
      ArrayNode array = node.putArray("or");
      or.operands().forEach(operand -> array.add(toJson(operand)));
    } else if (filter instanceof Filter.Not not && not.operand() instanceof Filter.In in) {
      node.put("field", in.field()).put("op", "not_in");
      ArrayNode values = node.putArray("values");
      in.values().forEach(value -> values.add(valueNode(value)));
    } else if (filter instanceof Filter.Not not) {
      node.set("not", toJson(not.operand()));
    } else if (filter instanceof Filter.In in) {
      node.put("field", in.field()).put("op", "in");
      ArrayNode values = node.putArray("values");
      in.values().forEach(value -> values.add(valueNode(value)));
    } else if (filter instanceof Filter.Exists exists) {
      node.put("field", exists.field()).put("op", "exists");
    } else {
      Filter.Compare compare = (Filter.Compare) filter;
      node.put("field", compare.field()).put("op", compare.op().name().toLowerCase(java.util.Locale.ROOT));
      node.set("value", valueNode(compare.value()));
    }
    return node;
  }

  private static Filter junction(String key, JsonNode list, String path) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw error(path, "expected a non-empty list of filters, found " + kind(list));
    }
    List<Filter> operands = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      operands.add(parse(list.get(i), path + "[" + i + "]"));
    }
    if (operands.size() == 1) {
      return operands.get(0);
    }
    return key.equals("and") ? new Filter.And(operands) : new Filter.Or(operands);
  }

  private static Filter.Op compareOp(String op, String path) {
    for (Filter.Op candidate : Filter.Op.values()) {
      if (candidate.name().toLowerCase(java.util.Locale.ROOT).equals(op)) {
        return candidate;
      }
    }
    throw error(path, "unknown op '" + op + "'; valid ops are: " + OPS);
  }

  private static List<Object> values(JsonNode list, String path) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw error(path, "expected a non-empty list of strings, numbers or booleans, found " + kind(list));
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      values.add(value(list.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  private static Object value(JsonNode node, String path) {
    if (node != null && node.isTextual()) {
      return node.asText();
    }
    if (node != null && node.isBoolean()) {
      return node.booleanValue();
    }
    if (node != null && node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw error(path, "integer " + node.asText() + " is outside the 64-bit range; write it with a decimal point"
            + " to compare as a double");
      }
      return node.longValue();
    }
    if (node != null && node.isNumber()) {
      double value = node.doubleValue();
      if (!Double.isFinite(value)) {
        throw error(path, "number " + node.asText() + " is not a finite double; only finite numbers are accepted");
      }
      return value;
    }
    throw error(path, "expected a string, number or boolean, found " + kind(node));
  }

  private static JsonNode valueNode(Object value) {
    if (value instanceof String s) {
      return NODES.textNode(s);
    } else if (value instanceof Long l) {
      return NODES.numberNode(l);
    } else if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    return NODES.booleanNode((Boolean) value);
  }

  private static void onlyKeys(JsonNode json, String path, Set<String> allowed) {
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw error(path + "." + name, "unknown key; this filter accepts only " + String.join(", ",
            new TreeSet<>(allowed)));
      }
    }
  }

  private static String keys(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case OBJECT, POJO -> "an object";
      case ARRAY -> node.isEmpty() ? "an empty list" : "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static EmbedkitException error(String path, String problem) {
    return EmbedkitException.invalidInput(path + ": " + problem);
  }
}
