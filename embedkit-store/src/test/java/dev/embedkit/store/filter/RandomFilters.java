package dev.embedkit.store.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random filter trees and values for the property and differential tests. */
final class RandomFilters {
  static final List<Object> LONGS = List.of(0L, 1L, -1L, 2L, 3L, -3L, 1L << 53, (1L << 53) + 1, Long.MAX_VALUE,
      Long.MIN_VALUE, Long.MAX_VALUE - 1, 1746714878034235396L, 1746714878034235397L);
  static final List<Object> DOUBLES = List.of(0.0, -0.0, 1.0, 2.5, -2.5, 3.0, 0x1p53, 0x1p63, -0x1p63, 1.0E300,
      Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 1.7467148780342354E18, 0.1);
  static final List<Object> STRINGS = List.of("", "a", "b", "ab", "A", "it's", "''", "back\\slash", "[x]", "(y)",
      "\"q\"", "é", "\uD83D\uDE00", "\uFFFD", "\uE000", "\uD800", "\uDC00x", "a b", "`tick`", "AND", "z");
  static final List<Object> BOOLEANS = List.of(true, false);

  private final Random random;
  private final List<String> fields;

  RandomFilters(long seed, List<String> fields) {
    this.random = new Random(seed);
    this.fields = fields;
  }

  Random random() {
    return random;
  }

  Object anyValue() {
    return switch (random.nextInt(4)) {
      case 0 -> pick(LONGS);
      case 1 -> pick(DOUBLES);
      case 2 -> pick(STRINGS);
      default -> pick(BOOLEANS);
    };
  }

  Object numberOrString() {
    return switch (random.nextInt(3)) {
      case 0 -> pick(LONGS);
      case 1 -> pick(DOUBLES);
      default -> pick(STRINGS);
    };
  }

  /** A random tree at most {@code depth} levels deep. */
  Filter filter(int depth) {
    int choice = random.nextInt(depth <= 1 ? 3 : 6);
    String field = pick(fields);
    switch (choice) {
      case 0: {
        Filter.Op op = Filter.Op.values()[random.nextInt(Filter.Op.values().length)];
        boolean equality = op == Filter.Op.EQ || op == Filter.Op.NE;
        return new Filter.Compare(field, op, equality ? anyValue() : numberOrString());
      }
      case 1: {
        List<Object> values = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          values.add(anyValue());
        }
        return new Filter.In(field, values);
      }
      case 2:
        return new Filter.Exists(field);
      case 3:
        return new Filter.Not(filter(depth - 1));
      default: {
        List<Filter> operands = new ArrayList<>();
        int n = 2 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          operands.add(filter(depth - 1));
        }
        return choice == 4 ? new Filter.And(operands) : new Filter.Or(operands);
      }
    }
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
