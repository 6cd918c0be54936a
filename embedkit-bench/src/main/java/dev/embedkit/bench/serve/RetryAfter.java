package dev.embedkit.bench.serve;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** RFC 9110's {@code Retry-After}: a number of seconds, or an HTTP date. */
final class RetryAfter {
  private RetryAfter() {}

  /** Whether {@code value} (null when the header is absent) is a valid {@code Retry-After}. */
  static boolean valid(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    String v = value.strip();
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return true;
    }
    try {
      ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
