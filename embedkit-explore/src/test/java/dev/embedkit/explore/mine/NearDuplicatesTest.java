package dev.embedkit.explore.mine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float[] out = new float[v.length];
    for (int d = 0; d < v.length; d++) {
      out[d] = (float) (v[d] / Math.sqrt(norm));
    }
    return out;
  }

  private static float[] randomUnit(Random random, int dims) {
    float[] v = new float[dims];
    for (int d = 0; d < dims; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return unit(v);
  }

  private static float[] nearCopy(Random random, float[] v, double noise) {
    float[] out = v.clone();
    for (int d = 0; d < out.length; d++) {
      out[d] += (float) (noise * random.nextGaussian());
    }
    return unit(out);
  }

  /** Connected components of all pairs >= threshold, found by depth-first search over the full matrix. */
  private static List<int[]> reference(float[][] v, double threshold) {
    int n = v.length;
    boolean[] seen = new boolean[n];
    List<int[]> groups = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      if (seen[s]) {
        continue;
      }
      TreeSet<Integer> group = new TreeSet<>();
      List<Integer> stack = new ArrayList<>(List.of(s));
      seen[s] = true;
      while (!stack.isEmpty()) {
        int x = stack.remove(stack.size() - 1);
        group.add(x);
        for (int y = 0; y < n; y++) {
          if (!seen[y] && Similarities.dot(v[x], v[y]) >= threshold) {
            seen[y] = true;
            stack.add(y);
          }
        }
      }
      if (group.size() > 1) {
        groups.add(group.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    groups.sort((a, b) -> a.length != b.length ? b.length - a.length : a[0] - b[0]);
    return groups;
  }

  @Test
  void plantedExactAndNearCopiesFormTheGroups() {
    Random random = new Random(21);
    int dims = 64;
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      vectors.add(randomUnit(random, dims)); // random 64-D directions: cosines around +-0.3, never 0.95
    }
    // 5 exact copies of #10, 3 near copies (cosine ~0.995) of #20, a pair of near copies of #30, appended shuffled
    List<float[]> extra = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      extra.add(vectors.get(10).clone());
    }
    for (int c = 0; c < 3; c++) {
      extra.add(nearCopy(random, vectors.get(20), 0.01));
    }
    extra.add(nearCopy(random, vectors.get(30), 0.01));
    java.util.Collections.shuffle(extra, random);
    vectors.addAll(extra);
    float[][] v = vectors.toArray(new float[0][]);

    List<DuplicateGroup> groups = NearDuplicates.find(v);
    List<int[]> expected = reference(v, NearDuplicates.DEFAULT_THRESHOLD);
    assertEquals(List.of(6, 4, 2), groups.stream().map(DuplicateGroup::size).toList());
    assertEquals(expected.size(), groups.size());
    for (int g = 0; g < groups.size(); g++) {
      DuplicateGroup group = groups.get(g);
      assertArrayEquals(expected.get(g), group.members());
      assertTrue(Arrays.stream(group.members()).anyMatch(m -> m == group.representative()));
      assertTrue(group.minScore() >= NearDuplicates.DEFAULT_THRESHOLD && group.minScore() <= group.maxScore());
    }
    assertEquals(10, groups.get(0).members()[0]);
    assertEquals(1f, groups.get(0).minScore(), 1e-6f, "exact copies");
    assertEquals(20, groups.get(1).members()[0]);
  }

  @Test
  void theRepresentativeIsTheMemberClosestToTheOthers() {
    Random random = new Random(5);
    float[] centre = randomUnit(random, 32);
    float[][] v = {nearCopy(random, centre, 0.02), centre, nearCopy(random, centre, 0.02), nearCopy(random, centre, 0.005)};
    List<DuplicateGroup> groups = NearDuplicates.find(v, 0.9, 10);
    assertEquals(1, groups.size());
    double best = -1;
    int expected = -1;
    for (int i = 0; i < v.length; i++) {
      double mean = 0;
      for (int j = 0; j < v.length; j++) {
        mean += i == j ? 0 : Similarities.dot(v[i], v[j]) / 3;
      }
      if (mean > best) {
        best = mean;
        expected = i;
      }
    }
    assertEquals(expected, groups.get(0).representative());
    assertEquals(NearDuplicates.find(v, 0.9, 10).get(0).representative(), groups.get(0).representative());
  }
}
