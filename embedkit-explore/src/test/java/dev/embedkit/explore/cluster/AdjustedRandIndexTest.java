package dev.embedkit.explore.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdjustedRandIndexTest {

  @Test
  void handComputedSmallCasesMatchHubertArabie() {
    // [0,0,1,2] vs [0,0,1,1]: cells 2,1,1 -> 1 pair together in both; truth sizes 2,1,1 -> 1 pair; predicted
    // sizes 2,2 -> 2 pairs; C(4,2)=6, expected 1*2/6=1/3, max (1+2)/2; ARI=(1-1/3)/(3/2-1/3)=4/7 (sklearn's 0.57)
    assertEquals(4.0 / 7, AdjustedRandIndex.of(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}), 1e-12);
    assertEquals(4.0 / 7, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-12);
    // all together vs all apart: index 0, expected 0, max 3 -> 0
    assertEquals(0.0, AdjustedRandIndex.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}), 1e-12);
    // [0,0,1,1] vs [0,1,0,1]: index 0, expected 2*2/6=2/3, max 2 -> (0-2/3)/(2-2/3) = -1/2
    assertEquals(-0.5, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-12);
  }

  @Test
  void identicalPartitionsScoreOneWhateverTheLabelValues() {
    Random random = new Random(3);
    int[] truth = new int[500];
    int[] relabelled = new int[500];
    int[] map = {7, -1, 42, 3, 9};
    for (int i = 0; i < truth.length; i++) {
      truth[i] = random.nextInt(5);
      relabelled[i] = map[truth[i]];
    }
    assertEquals(1.0, AdjustedRandIndex.of(truth, relabelled), 1e-12);
    assertEquals(1.0, AdjustedRandIndex.of(new int[] {1, 1, 1}, new int[] {5, 5, 5}), 1e-12);
  }

  @Test
  void independentRandomPartitionsScoreAboutZeroAndTheIndexIsSymmetric() {
    Random random = new Random(11);
    int[] a = new int[20_000];
    int[] b = new int[20_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextInt(4);
      b[i] = random.nextInt(7);
    }
    double ari = AdjustedRandIndex.of(a, b);
    assertTrue(Math.abs(ari) < 0.005, "random ARI " + ari);
    assertEquals(ari, AdjustedRandIndex.of(b, a), 1e-12);
  }

  @Test
  void lengthsMustAgree() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdjustedRandIndex.of(new int[2], new int[3]));
    assertTrue(e.getMessage().contains("2 != 3"), e.getMessage());
  }
}
