package dev.embedkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthBatcherTest {
  @Test
  void everyInputOnceWithinBatchSizeAndTokenBudget() {
    Random random = new Random(3);
    int[] lengths = random.ints(500, 2, 300).toArray();
    List<int[]> batches = LengthBatcher.plan(lengths, 16, 2048);
    int[] seen = new int[lengths.length];
    for (int[] batch : batches) {
      assertTrue(batch.length <= 16);
      int longest = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
      assertTrue(batch.length == 1 || (long) batch.length * longest <= 2048, "padded size over budget");
      for (int i : batch) {
        seen[i]++;
      }
    }
    assertTrue(Arrays.stream(seen).allMatch(c -> c == 1));
  }

  @Test
  void similarLengthsShareBatches() {
    int[] lengths = {10, 200, 11, 199, 12, 198};
    List<int[]> batches = LengthBatcher.plan(lengths, 3, 10_000);
    assertEquals(2, batches.size());
    assertEquals(Arrays.asList(1, 3, 5), Arrays.stream(batches.get(0)).boxed().toList());
  }

  @Test
  void anInputLongerThanTheBudgetGetsItsOwnBatch() {
    List<int[]> batches = LengthBatcher.plan(new int[] {5000, 10, 10}, 32, 1000);
    assertEquals(1, batches.get(0).length);
    assertEquals(2, batches.get(1).length);
  }
}
