package dev.embedkit.bench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  private static final long MS = 1_000_000L;

  @Test
  void nearestRankPercentilesOfOneToHundredMillisAreTheRanksThemselves() {
    long[] shuffled = LongStream.rangeClosed(1, 100).map(i -> ((i * 37) % 100 + 1) * MS).toArray();
    Latencies latencies = Latencies.of(shuffled);
    assertEquals(50.0, latencies.percentileMillis(50));
    assertEquals(99.0, latencies.percentileMillis(99));
    assertEquals(100.0, latencies.percentileMillis(100));
    assertEquals(100.0, latencies.maxMillis());
    assertEquals(50.5, latencies.meanMillis(), 1e-9);
  }

  @Test
  void aPercentileIsAlwaysAMeasuredSample() {
    Latencies latencies = Latencies.of(new long[] {3 * MS, 1 * MS, 2 * MS});
    assertEquals(1.0, latencies.percentileMillis(1));
    assertEquals(2.0, latencies.percentileMillis(50));
    assertEquals(3.0, latencies.percentileMillis(99));
  }

  @Test
  void anEmptySampleHasNoPercentiles() {
    Latencies empty = Latencies.of(new long[0]);
    assertEquals(0, empty.count());
    assertTrue(Double.isNaN(empty.percentileMillis(50)));
    assertTrue(Double.isNaN(empty.maxMillis()));
  }

  @Test
  void percentilesOutsideZeroToHundredAreRejected() {
    Latencies latencies = Latencies.of(new long[] {MS});
    assertThrows(IllegalArgumentException.class, () -> latencies.percentileMillis(0));
    assertThrows(IllegalArgumentException.class, () -> latencies.percentileMillis(101));
  }
}
