package dev.embedkit.bench.serve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetryAfterTest {
  @Test
  void secondsAndHttpDatesAreValid() {
    assertTrue(RetryAfter.valid("1"));
    assertTrue(RetryAfter.valid(" 120 "));
    assertTrue(RetryAfter.valid("Wed, 21 Oct 2015 07:28:00 GMT"));
  }

  @Test
  void absentEmptyNegativeAndFractionalValuesAreNot() {
    assertFalse(RetryAfter.valid(null));
    assertFalse(RetryAfter.valid(""));
    assertFalse(RetryAfter.valid("-1"));
    assertFalse(RetryAfter.valid("0.5"));
    assertFalse(RetryAfter.valid("soon"));
  }
}
