package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.FilterEvaluator;
import dev.embedkit.store.filter.LenientFilters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Qdrant filter in the store's terms: the payload conditions as one {@link Filter} tree, and the {@code has_id}
 * conditions, which name points rather than payload, as sets of store ids applied beside it.
 *
 * <p>Translation ({@code must} is AND, {@code should} OR, {@code must_not} NOT OR, {@code min_should} an OR of the
 * ANDs of every {@code min_count} conditions; a filter may stand as a condition):
 * <pre>
 * {"key": K, "match": {"value": V}}        K = V          (V a string, integer or bool, as in Qdrant)
 * {"key": K, "match": {"any": [V...]}}     K IN (V...)    (an empty list matches nothing)
 * {"key": K, "match": {"except": [V...]}}  K EXISTS AND NOT K IN (V...)
 * {"key": K, "range": {"gt", "gte", "lt", "lte"}}   numeric comparisons, ANDed
 * {"is_empty": {"key": K}}                 NOT K EXISTS   (absent, null or [])
 * {"has_id": [ID...]}                      in the top-level must (the point is one of them) or must_not
 * </pre>
 * One known difference: on a payload field holding a list, Qdrant's {@code except} matches when any element is outside
 * the list given ({@code ["a", "b"]} except {@code ["a"]} matches), while the translation above matches only when no
 * element is in it (so that example does not). On fields holding one value the two agree. The store's filter language
 * cannot say "some element is none of these" (its comparisons hold for any element, and it has no per-element AND),
 * and it does not record which fields have held lists, so such a filter is neither rewritten nor refused.
 *
 * <p>Refused with a 400 that lists the above: {@code is_null} (the store keeps no nulls: a null payload value is an
 * absent one, found by is_empty), full-text {@code match.text}, geo, {@code values_count}, {@code nested},
 * {@code has_vector}, and {@code has_id} anywhere but the top-level must and must_not.
 *
 * @param filter the payload conditions, or null for none (every point)
 * @param ids the points allowed (the intersection of the must's has_id lists), or null for any
 * @param excluded points never matched (the must_not's has_id lists)
 */
record QdrantFilter(Filter filter, Set<String> ids, Set<String> excluded) {
  static final QdrantFilter ALL = new QdrantFilter(null, null, Set.of());
  /** min_should expands to an OR of ANDs; past this many combinations it is refused. */
  static final int MAXIMUM_MIN_SHOULD_COMBINATIONS = 256;
  /** The most point ids a filter's has_id lists hold together (a longer list is refused). */
  static final int MAXIMUM_HAS_IDS = 10_000;

  private static final String SUPPORTED = "supported conditions: match (value, any, except), range (gt, gte, lt,"
      + " lte), is_empty, has_id (in the top-level must or must_not), and nested filters (must, should, must_not,"
      + " min_should)";

  QdrantFilter {
    excluded = Set.copyOf(excluded);
    ids = ids == null ? null : Set.copyOf(ids);
  }

  /**
   * This filter against the payload fields the collection has seen ({@code CollectionInfo.fields}: name to kinds):
   * a condition on a field no point has, or comparing a value with a kind the field never held, matches nothing, as
   * in Qdrant (the store itself refuses such a filter, to catch typos; Qdrant's clients rely on the lenient way).
   * Returns null when nothing can match.
   */
  QdrantFilter resolve(java.util.Map<String, Set<String>> fields) {
    LenientFilters.Resolved resolved = LenientFilters.resolve(filter, fields);
    return resolved.matchesNone() ? null : new QdrantFilter(resolved.filter(), ids, excluded);
  }

  boolean restricted() {
    return ids != null || !excluded.isEmpty();
  }

  /** Both filters at once (a prefetch under its query's filter). */
  QdrantFilter and(QdrantFilter other) {
    Filter both = filter == null ? other.filter : other.filter == null ? filter : Filter.and(filter, other.filter);
    Set<String> allowed = ids;
    if (other.ids != null) {
      allowed = allowed == null ? other.ids : intersection(allowed, other.ids);
    }
    Set<String> out = new LinkedHashSet<>(excluded);
    out.addAll(other.excluded);
    return new QdrantFilter(both, allowed, out);
  }

  /** Whether a stored point matches (the in-memory check, for points named by has_id). */
  boolean matches(StoredDocument document) {
    return (ids == null || ids.contains(document.id())) && !excluded.contains(document.id())
        && (filter == null || FilterEvaluator.matches(filter, document.metadata()));
  }

  /** The request's {@code filter} field; {@link #ALL} when absent or null. */
  static QdrantFilter of(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return ALL;
    }
    if (!node.isObject()) {
      throw ServerException.malformed("'" + path + "' must be a filter object {\"must\", \"should\", \"must_not\"};"
          + " got " + Json.kind(node), path);
    }
    ObjectNode object = withoutNulls((ObjectNode) node);
    int idCount = 0;
    for (JsonNode condition : list(object.get("must"), path + ".must")) {
      idCount += condition.isObject() && condition.path("has_id").isArray() ? condition.get("has_id").size() : 0;
    }
    for (JsonNode condition : list(object.get("must_not"), path + ".must_not")) {
      idCount += condition.isObject() && condition.path("has_id").isArray() ? condition.get("has_id").size() : 0;
    }
    if (idCount > MAXIMUM_HAS_IDS) {
      throw ServerException.invalid("'" + path + "' names " + idCount + " point ids in has_id; accepted: at most "
          + MAXIMUM_HAS_IDS + " in one filter (to act on more, page through them with scroll)", path);
    }
    Set<String> ids = null;
    Set<String> excluded = new LinkedHashSet<>();
    List<JsonNode> must = new ArrayList<>();
    for (JsonNode condition : list(object.get("must"), path + ".must")) {
      if (condition.isObject() && condition.has("has_id")) {
        Set<String> named = hasId((ObjectNode) condition, path + ".must");
        ids = ids == null ? named : intersection(ids, named);
      } else {
        must.add(condition);
      }
    }
    List<JsonNode> mustNot = new ArrayList<>();
    for (JsonNode condition : list(object.get("must_not"), path + ".must_not")) {
      if (condition.isObject() && condition.has("has_id")) {
        excluded.addAll(hasId((ObjectNode) condition, path + ".must_not"));
      } else {
        mustNot.add(condition);
      }
    }
    ObjectNode rest = object.deepCopy();
    rest.set("must", Json.MAPPER.valueToTree(must));
    rest.set("must_not", Json.MAPPER.valueToTree(mustNot));
    try {
      return new QdrantFilter(filter(rest, path), ids, excluded);
    } catch (EmbedkitException e) {
      throw ServerException.invalid("'" + path + "': " + e.getMessage(), path);
    }
  }

  /** A copy without null-valued fields at any depth (clients serialise unset options as null). */
  private static ObjectNode withoutNulls(ObjectNode node) {
    ObjectNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> nulls = new ArrayList<>();
      object.fields().forEachRemaining(f -> {
        if (f.getValue().isNull()) {
          nulls.add(f.getKey());
        } else {
          strip(f.getValue());
        }
      });
      object.remove(nulls);
    } else if (node.isArray()) {
      node.forEach(QdrantFilter::strip);
    }
  }

  /** A filter object as one Filter, or null when it has no condition. */
  private static Filter filter(ObjectNode object, String path) {
    onlyKeys(object, path, "must", "should", "must_not", "min_should");
    List<Filter> all = new ArrayList<>();
    for (JsonNode condition : list(object.get("must"), path + ".must")) {
      add(all, condition(condition, path + ".must"));
    }
    List<Filter> should = new ArrayList<>();
    for (JsonNode condition : list(object.get("should"), path + ".should")) {
      Filter f = condition(condition, path + ".should");
      if (f == null) {
        should = null; // an empty filter matches every point, so the whole should does
        break;
      }
      should.add(f);
    }
    if (should != null && !should.isEmpty()) {
      all.add(any(should));
    }
    List<Filter> none = new ArrayList<>();
    for (JsonNode condition : list(object.get("must_not"), path + ".must_not")) {
      Filter f = condition(condition, path + ".must_not");
      if (f == null) {
        return never(); // NOT (every point)
      }
      none.add(f);
    }
    if (!none.isEmpty()) {
      all.add(Filter.not(any(none)));
    }
    JsonNode minShould = object.get("min_should");
    if (minShould != null && !minShould.isNull()) {
      add(all, minShould(minShould, path + ".min_should"));
    }
    return every(all);
  }

  private static Filter minShould(JsonNode node, String path) {
    if (!node.isObject()) {
      throw ServerException.malformed("'" + path + "' must be {\"conditions\": [...], \"min_count\": n}; got "
          + Json.kind(node), path);
    }
    onlyKeys((ObjectNode) node, path, "conditions", "min_count");
    JsonNode count = node.get("min_count");
    if (count == null || !count.isIntegralNumber() || count.asLong() < 0) {
      throw ServerException.malformed("'" + path + ".min_count' must be a non-negative integer; got " + Json.kind(count),
          path);
    }
    List<Filter> conditions = new ArrayList<>();
    for (JsonNode condition : list(node.get("conditions"), path + ".conditions")) {
      Filter f = condition(condition, path + ".conditions");
      conditions.add(f == null ? Filter.not(never()) : f);
    }
    int k = (int) Math.min(count.asLong(), Integer.MAX_VALUE);
    if (k == 0) {
      return null;
    }
    if (k > conditions.size()) {
      return never();
    }
    List<List<Filter>> combinations = new ArrayList<>();
    combine(conditions, k, 0, new ArrayList<>(), combinations, path);
    List<Filter> options = new ArrayList<>();
    for (List<Filter> combination : combinations) {
      options.add(every(combination));
    }
    return any(options);
  }

  private static void combine(List<Filter> from, int k, int start, List<Filter> chosen, List<List<Filter>> out,
      String path) {
    if (chosen.size() == k) {
      if (out.size() == MAXIMUM_MIN_SHOULD_COMBINATIONS) {
        throw ServerException.invalid("'" + path + "' needs more than " + MAXIMUM_MIN_SHOULD_COMBINATIONS
            + " combinations of its conditions; give fewer conditions or a min_count nearer 1 or their number", path);
      }
      out.add(List.copyOf(chosen));
      return;
    }
    for (int i = start; i < from.size(); i++) {
      chosen.add(from.get(i));
      combine(from, k, i + 1, chosen, out, path);
      chosen.remove(chosen.size() - 1);
    }
  }

  /** One condition, or null for an empty nested filter (every point). */
  private static Filter condition(JsonNode node, String path) {
    if (!node.isObject()) {
      throw ServerException.malformed("'" + path + "' holds " + Json.kind(node) + "; each condition is an object ("
          + SUPPORTED + ")", path);
    }
    ObjectNode object = (ObjectNode) node;
    if (object.has("must") || object.has("should") || object.has("must_not") || object.has("min_should")
        || object.isEmpty()) {
      return filter(object, path);
    }
    if (object.has("has_id")) {
      throw ServerException.invalid("'" + path + "': has_id is supported in the filter's top-level must and must_not"
          + " only (it names points, not payload); " + SUPPORTED, path);
    }
    if (object.has("is_empty")) {
      onlyKeys(object, path, "is_empty");
      return Filter.not(Filter.exists(key(object.get("is_empty"), path + ".is_empty")));
    }
    if (object.has("is_null")) {
      throw ServerException.invalid("'" + path + "': is_null is not supported: embedkit keeps no null payload values"
          + " (a null is an absent field, which is_empty finds); " + SUPPORTED, path);
    }
    for (String refused : List.of("nested", "has_vector")) {
      if (object.has(refused)) {
        throw ServerException.invalid("'" + path + "': " + refused + " conditions are not supported (payloads hold no"
            + " nested objects here, and a point has one vector); " + SUPPORTED, path);
      }
    }
    if (!object.has("key")) {
      throw ServerException.invalid("'" + path + "' is not a condition embedkit knows: " + fieldNames(object) + "; "
          + SUPPORTED, path);
    }
    String key = key(object, path);
    for (String refused : List.of("geo_bounding_box", "geo_radius", "geo_polygon", "values_count", "datetime_range")) {
      if (present(object, refused)) {
        throw ServerException.invalid("'" + path + "': " + refused + " is not supported; " + SUPPORTED, path);
      }
    }
    onlyKeys(object, path, "key", "match", "range");
    boolean match = present(object, "match");
    boolean range = present(object, "range");
    if (match == range) {
      throw ServerException.invalid("'" + path + "' (key '" + key + "') must have one of 'match' or 'range'; "
          + SUPPORTED, path);
    }
    return match ? match(key, object.get("match"), path + ".match") : range(key, object.get("range"), path + ".range");
  }

  private static Filter match(String key, JsonNode node, String path) {
    if (!node.isObject() || node.size() != 1) {
      throw ServerException.malformed("'" + path + "' must be one of {\"value\": v}, {\"any\": [...]} or"
          + " {\"except\": [...]}; got " + (node.isObject() ? fieldNames((ObjectNode) node) : Json.kind(node)), path);
    }
    String kind = node.fieldNames().next();
    JsonNode value = node.get(kind);
    switch (kind) {
      case "value":
        return Filter.eq(key, scalar(value, path + ".value"));
      case "any": {
        List<Object> values = values(value, path + ".any");
        return values.isEmpty() ? never(key) : new Filter.In(key, values);
      }
      case "except": {
        List<Object> values = values(value, path + ".except");
        return values.isEmpty() ? Filter.exists(key) : Filter.and(Filter.exists(key), Filter.not(new Filter.In(key, values)));
      }
      case "text", "text_any", "phrase":
        throw ServerException.invalid("'" + path + "': full-text match (" + kind + ") is not supported; search the"
            + " points' text with a prefetch {\"query\": {\"text\": ..., \"model\": \"qdrant/bm25\"}}, or filter with "
            + "match value, any or except", path);
      default:
        throw ServerException.invalid("'" + path + "': unknown match '" + kind + "'; accepted: value, any, except",
            path);
    }
  }

  private static Filter range(String key, JsonNode node, String path) {
    if (!node.isObject()) {
      throw ServerException.malformed("'" + path + "' must be {\"gt\", \"gte\", \"lt\", \"lte\"}; got "
          + Json.kind(node), path);
    }
    onlyKeys((ObjectNode) node, path, "gt", "gte", "lt", "lte");
    List<Filter> bounds = new ArrayList<>();
    for (String bound : List.of("gt", "gte", "lt", "lte")) {
      JsonNode value = node.get(bound);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isNumber()) {
        throw ServerException.malformed("'" + path + "." + bound + "' must be a number; got " + Json.kind(value)
            + " (datetime ranges are not supported)", path);
      }
      Object number = value.isIntegralNumber() && value.canConvertToLong() ? (Object) value.longValue()
          : (Object) value.doubleValue();
      bounds.add(switch (bound) {
        case "gt" -> Filter.gt(key, number);
        case "gte" -> Filter.gte(key, number);
        case "lt" -> Filter.lt(key, number);
        default -> Filter.lte(key, number);
      });
    }
    if (bounds.isEmpty()) {
      throw ServerException.invalid("'" + path + "' has no bound; give at least one of gt, gte, lt, lte", path);
    }
    return every(bounds);
  }

  private static Object scalar(JsonNode value, String path) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    throw ServerException.malformed("'" + path + "' must be a string, an integer or a bool; got " + Json.kind(value)
        + (value.isNumber() ? " " + value.asText() + " (to compare a float, use range)" : ""), path);
  }

  private static List<Object> values(JsonNode node, String path) {
    if (!node.isArray()) {
      throw ServerException.malformed("'" + path + "' must be an array of strings or integers; got "
          + Json.kind(node), path);
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode value = node.get(i);
      if (!value.isTextual() && !(value.isIntegralNumber() && value.canConvertToLong())) {
        throw ServerException.malformed("'" + path + "[" + i + "]' must be a string or an integer; got "
            + Json.kind(value), path);
      }
      values.add(value.isTextual() ? value.textValue() : (Object) value.longValue());
    }
    return values;
  }

  private static Set<String> hasId(ObjectNode condition, String path) {
    onlyKeys(condition, path, "has_id");
    JsonNode ids = condition.get("has_id");
    if (!ids.isArray()) {
      throw ServerException.malformed("'" + path + ".has_id' must be an array of point ids; got " + Json.kind(ids),
          path);
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      out.add(QdrantIds.parse(id));
    }
    return out;
  }

  private static String key(JsonNode node, String path) {
    JsonNode key = node == null ? null : node.get("key");
    if (key == null || !key.isTextual() || key.textValue().isEmpty()) {
      throw ServerException.malformed("'" + path + ".key' must be a payload field name; got " + Json.kind(key), path);
    }
    return key.textValue();
  }

  /** A condition or a list of them (Qdrant takes both). */
  private static List<JsonNode> list(JsonNode node, String path) {
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(out::add);
    } else if (node.isObject()) {
      out.add(node);
    } else {
      throw ServerException.malformed("'" + path + "' must be a condition or an array of conditions; got "
          + Json.kind(node), path);
    }
    return out;
  }

  private static void add(List<Filter> all, Filter f) {
    if (f != null) {
      all.add(f);
    }
  }

  private static Filter every(List<Filter> filters) {
    return filters.isEmpty() ? null : filters.size() == 1 ? filters.get(0) : new Filter.And(filters);
  }

  private static Filter any(List<Filter> filters) {
    return filters.size() == 1 ? filters.get(0) : new Filter.Or(filters);
  }

  /** A filter no point matches. */
  private static Filter never() {
    return never("_");
  }

  private static Filter never(String key) {
    return Filter.and(Filter.exists(key), Filter.not(Filter.exists(key)));
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> out = new LinkedHashSet<>(a);
    out.retainAll(b);
    return out;
  }

  /**
   * Refuses a field not among those accepted, naming them; a field whose value is null is taken as absent, as Qdrant
   * does (Python's client sends each unset option as null).
   */
  static void onlyKeys(ObjectNode node, String path, String... accepted) {
    Set<String> known = Set.of(accepted);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name) && !node.get(name).isNull()) {
        throw ServerException.invalid("unknown field '" + name + "' in '" + path + "'; accepted: "
            + String.join(", ", new TreeSet<>(known)), name);
      }
    }
  }

  private static String fieldNames(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "{}" : "fields " + String.join(", ", names);
  }

  private static boolean present(ObjectNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }
}
