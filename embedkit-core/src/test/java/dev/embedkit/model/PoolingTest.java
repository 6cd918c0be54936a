package dev.embedkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pooling on a hand-made batch: two rows, three positions, two dimensions; row 1 has one padding position. */
class PoolingTest {
  // row 0: tokens (1,2) (3,4) (5,0); row 1: tokens (2,2) (4,-2) then padding (100,100)
  static final float[] DATA = {1, 2, 3, 4, 5, 0, 2, 2, 4, -2, 100, 100};
  static final TokenStates STATES = new TokenStates(DATA, 2, 3, 2, new long[][] {{1, 1, 1}, {1, 1, 0}});

  @Test
  void meanIgnoresPadding() {
    assertArrayEquals(new float[] {3, 2}, Pooling.MEAN.pool(STATES, 0));
    assertArrayEquals(new float[] {3, 0}, Pooling.MEAN.pool(STATES, 1));
  }

  @Test
  void clsIsTheFirstToken() {
    assertArrayEquals(new float[] {2, 2}, Pooling.CLS.pool(STATES, 1));
  }

  @Test
  void maxIgnoresPadding() {
    assertArrayEquals(new float[] {4, 2}, Pooling.MAX.pool(STATES, 1));
  }

  @Test
  void lastTokenIsTheLastUnmaskedOne() {
    assertArrayEquals(new float[] {4, -2}, Pooling.LAST_TOKEN.pool(STATES, 1));
    assertArrayEquals(new float[] {5, 0}, Pooling.LAST_TOKEN.pool(STATES, 0));
  }

  @Test
  void weightedMeanWeighsByPosition() {
    // (1*(1,2) + 2*(3,4) + 3*(5,0)) / 6
    assertArrayEquals(new float[] {22f / 6, 10f / 6}, Pooling.WEIGHTED_MEAN.pool(STATES, 0), 1e-6f);
  }

  @Test
  void meanSqrtLenDividesBySquareRootOfCount() {
    assertArrayEquals(new float[] {(float) (6 / Math.sqrt(2)), 0}, Pooling.MEAN_SQRT_LEN.pool(STATES, 1), 1e-6f);
  }

  @Test
  void configSelectsExactlyOneMode() {
    assertEquals(Pooling.CLS, Pooling.fromConfig(Map.of("pooling_mode_cls_token", true, "pooling_mode_mean_tokens", false)));
    IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
        () -> Pooling.fromConfig(Map.of("pooling_mode_cls_token", true, "pooling_mode_mean_tokens", true)));
    assertTrue(two.getMessage().contains("supports one pooling mode"), two.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Pooling.fromConfig(Map.of()));
  }

  @Test
  void namesParseIncludingSentenceTransformersSpellings() {
    assertEquals(Pooling.LAST_TOKEN, Pooling.fromString("lasttoken"));
    assertEquals(Pooling.WEIGHTED_MEAN, Pooling.fromString("weighted-mean"));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Pooling.fromString("median"));
    assertTrue(e.getMessage().contains("valid pooling modes are: cls, mean, max, mean_sqrt_len, weighted_mean, last_token"), e.getMessage());
  }
}
