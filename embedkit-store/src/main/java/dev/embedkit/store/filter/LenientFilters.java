package dev.embedkit.store.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The frameworks' way with unknown fields: a condition on a field no document has, or comparing a value with a kind the
 * field never held, is simply false (its negation true), where the store itself refuses such a filter to catch typos
 * ({@link FilterValidator}). LangChain4j's stores, Spring AI's {@code SimpleVectorStore} and Qdrant all answer this
 * way, and their clients rely on it (a filter on an empty store, a key only some documents will ever have).
 *
 * <p>{@link #resolve} rewrites a filter against the fields a collection has seen ({@code CollectionInfo.fields}) into
 * one the store accepts with the same answers: {@code NE} on an unknown field and {@code NOT} of a false condition
 * become true (every document, those lacking the field included), positive conditions on it false.
 *
 * <pre>{@code
 * Resolved r = LenientFilters.resolve(Filter.ne("colour", "red"), collection.info().fields());
 * r.matchesAll(); // true while no document has "colour"
 * }</pre>
 */
public final class LenientFilters {
  private LenientFilters() {}

  /**
   * A filter resolved against the fields seen: {@code filter} is what to pass to the store (null: no filter), unless
   * {@code matchesNone}, when the search can answer nothing without running.
   */
  public record Resolved(Filter filter, boolean matchesNone) {
    static final Resolved ALL = new Resolved(null, false);
    static final Resolved NONE = new Resolved(null, true);

    public boolean matchesAll() {
      return filter == null && !matchesNone;
    }
  }

  /**
   * Resolves {@code filter} (null: every document) against {@code fields}: field name to the kinds of value seen
   * ("string", "long", "double", "boolean"), as {@code CollectionInfo.fields()} gives them.
   */
  public static Resolved resolve(Filter filter, Map<String, Set<String>> fields) {
    if (filter == null) {
      return Resolved.ALL;
    }
    Object resolved = resolveNode(filter, fields);
    return resolved instanceof Filter f ? new Resolved(f, false)
        : Boolean.TRUE.equals(resolved) ? Resolved.ALL : Resolved.NONE;
  }

  /** A Filter, or Boolean.TRUE (every document) or Boolean.FALSE (none). */
  private static Object resolveNode(Filter f, Map<String, Set<String>> fields) {
    if (f instanceof Filter.And and) {
      List<Filter> kept = new ArrayList<>();
      for (Filter operand : and.operands()) {
        Object r = resolveNode(operand, fields);
        if (Boolean.FALSE.equals(r)) {
          return false;
        }
        if (r instanceof Filter k) {
          kept.add(k);
        }
      }
      return kept.isEmpty() ? (Object) true : kept.size() == 1 ? kept.get(0) : new Filter.And(kept);
    }
    if (f instanceof Filter.Or or) {
      List<Filter> kept = new ArrayList<>();
      for (Filter operand : or.operands()) {
        Object r = resolveNode(operand, fields);
        if (Boolean.TRUE.equals(r)) {
          return true;
        }
        if (r instanceof Filter k) {
          kept.add(k);
        }
      }
      return kept.isEmpty() ? (Object) false : kept.size() == 1 ? kept.get(0) : new Filter.Or(kept);
    }
    if (f instanceof Filter.Not not) {
      Object r = resolveNode(not.operand(), fields);
      return r instanceof Boolean b ? (Object) !b : new Filter.Not((Filter) r);
    }
    if (f instanceof Filter.Exists exists) {
      return fields.containsKey(exists.field()) ? f : (Object) false;
    }
    if (f instanceof Filter.In in) {
      Set<String> kinds = fields.get(in.field());
      if (kinds == null) {
        return false;
      }
      List<Object> values = in.values().stream().filter(v -> comparable(v, kinds)).toList();
      return values.isEmpty() ? (Object) false : new Filter.In(in.field(), values);
    }
    Filter.Compare compare = (Filter.Compare) f;
    Set<String> kinds = fields.get(compare.field());
    if (kinds != null && comparable(compare.value(), kinds)) {
      return f;
    }
    // no document holds a value this literal compares with: '=' and orderings match none, '!=' every document
    return compare.op() == Filter.Op.NE;
  }

  /** Whether a literal compares with a field of these kinds. */
  private static boolean comparable(Object value, Set<String> kinds) {
    if (value instanceof String) {
      return kinds.contains(FieldKinds.Kind.STRING.label());
    }
    if (value instanceof Boolean) {
      return kinds.contains(FieldKinds.Kind.BOOLEAN.label());
    }
    return kinds.contains(FieldKinds.Kind.LONG.label()) || kinds.contains(FieldKinds.Kind.DOUBLE.label());
  }
}
