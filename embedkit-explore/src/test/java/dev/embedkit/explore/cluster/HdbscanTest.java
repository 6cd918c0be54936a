package dev.embedkit.explore.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HdbscanTest {

  @Test
  void recoversPlantedBlobsAndCallsTheBackgroundNoise() {
    PlantedData data = PlantedData.blobs(17, 5, 200, 2, 0.5, 400);
    Clusters clusters = Hdbscan.cluster(data.points, HdbscanOptions.of(25));
    double ari = PlantedData.ariOnPlanted(data.truth, clusters.labels());
    int noise = 0;
    int noiseCalledNoise = 0;
    for (int i = 0; i < data.truth.length; i++) {
      if (data.truth[i] == Clusters.NOISE) {
        noise++;
        noiseCalledNoise += clusters.labels()[i] == Clusters.NOISE ? 1 : 0;
      }
    }
    assertTrue(ari >= 0.9, "ARI on planted points " + ari);
    // Background points still inside a blob's component when the blobs part take that blob's label (HDBSCAN labels
    // what falls out of a selected cluster with it): measured 65% called noise here, 45-65% over spreads and
    // densities, the brute-force reference below agreeing point for point.
    assertTrue(noiseCalledNoise >= 0.55 * noise, noiseCalledNoise + " of " + noise + " background points called noise");
    assertEquals(5, clusters.count());
  }

  @Test
  void agreesWithABruteForceThresholdSweepOnSmallData() {
    for (long seed = 1; seed <= 4; seed++) {
      PlantedData data = PlantedData.blobs(seed, 3, 30 + (int) seed * 5, 2, 1.2, 25);
      for (HdbscanOptions options : List.of(new HdbscanOptions(8, 4), new HdbscanOptions(6, 1), HdbscanOptions.of(10))) {
        boolean[] ambiguous = new boolean[data.points.length];
        int[] expected = reference(data.points, options.minClusterSize(), options.minSamples(), ambiguous);
        int[] actual = Hdbscan.cluster(data.points, options).labels();
        int compared = 0;
        for (int i = 0; i < expected.length; i++) {
          if (ambiguous[i]) { // see reference(): the binary tree's edge order decides; leave these out
            expected[i] = Clusters.NOISE;
            actual[i] = Clusters.NOISE;
          } else {
            compared++;
          }
        }
        assertTrue(compared > 0.9 * expected.length, compared + " comparable points");
        // the same partition, noise included (ARI treats -1 as one more label)
        assertEquals(1.0, AdjustedRandIndex.of(expected, actual), 1e-12, "seed " + seed + ", " + options);
      }
    }
  }

  @Test
  void sameInputSameLabelsAndLargestClusterFirst() {
    PlantedData data = PlantedData.blobs(23, 4, 120, 5, 0.8, 60);
    Clusters first = Hdbscan.cluster(data.points, HdbscanOptions.of(15));
    assertArrayEquals(first.labels(), Hdbscan.cluster(data.points, HdbscanOptions.of(15)).labels());
    int[][] members = first.members();
    for (int c = 1; c < members.length; c++) {
      assertTrue(members[c - 1].length >= members[c].length);
    }
  }

  @Test
  void tinyInputsAreAllNoiseAndBadOptionsNameTheValue() {
    assertEquals(0, Hdbscan.cluster(new float[0][], HdbscanOptions.DEFAULT).labels().length);
    assertArrayEquals(new int[] {-1}, Hdbscan.cluster(new float[][] {{1, 2}}, HdbscanOptions.DEFAULT).labels());
    // fewer points than minClusterSize: no split can make a cluster, and the root is never one
    assertTrue(Arrays.stream(Hdbscan.cluster(PlantedData.blobs(2, 1, 6, 2, 1, 0).points, HdbscanOptions.DEFAULT).labels()).allMatch(l -> l == -1));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new HdbscanOptions(1, 5)).getMessage().contains("minClusterSize=1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new HdbscanOptions(5, 0)).getMessage().contains("minSamples=0"));
  }

  /**
   * HDBSCAN from its definition, by another route: sweep the distance level down through the minimum spanning
   * tree's weights (found by Kruskal over all pairs); at each level split every live cluster into the connected
   * components of its points under the edges shorter than the level (breadth-first search over the full mutual
   * reachability matrix); components below minClusterSize fall out; two or more large ones are new clusters. Then
   * choose the set of non-overlapping clusters of the highest total stability by trying every set.
   *
   * <p>Mutual reachability ties (two tree edges at one point's core distance) can split a cluster into two large
   * parts and a small one at the same level. The binary single-linkage tree then lets the small part fall out of
   * the parent or of a just-born child, depending on edge order (stabilities are the same either way: the child
   * was born at that very lambda). Such points are flagged {@code ambiguous}.
   */
  static int[] reference(float[][] p, int minClusterSize, int minSamples, boolean[] ambiguous) {
    int n = p.length;
    double[][] distance = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int d = 0; d < p[i].length; d++) {
          s += (double) (p[i][d] - p[j][d]) * (p[i][d] - p[j][d]);
        }
        distance[i][j] = Math.sqrt(s);
      }
    }
    int k = Math.min(n - 1, minSamples);
    double[] core = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = distance[i].clone();
      Arrays.sort(row);
      core[i] = row[k]; // row[0] is the point itself
    }
    double[][] reach = new double[n][n];
    List<double[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        reach[i][j] = Math.max(distance[i][j], Math.max(core[i], core[j]));
        if (i < j) {
          edges.add(new double[] {reach[i][j], i, j});
        }
      }
    }
    edges.sort((a, b) -> Double.compare(a[0], b[0]));
    int[] uf = new int[n];
    for (int i = 0; i < n; i++) {
      uf[i] = i;
    }
    TreeSet<Double> levels = new TreeSet<>();
    for (double[] e : edges) {
      int a = root(uf, (int) e[1]);
      int b = root(uf, (int) e[2]);
      if (a != b) {
        uf[a] = b;
        levels.add(e[0]);
      }
    }
    List<int[]> live = new ArrayList<>(); // {cluster id} -> points held separately
    List<List<Integer>> points = new ArrayList<>();
    List<Double> birth = new ArrayList<>();
    List<Double> stability = new ArrayList<>();
    List<Integer> parent = new ArrayList<>();
    int[] fellFrom = new int[n];
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    points.add(all);
    birth.add(0.0);
    stability.add(0.0);
    parent.add(-1);
    List<Integer> active = new ArrayList<>(List.of(0));
    for (double level : levels.descendingSet()) {
      double lambda = 1 / level;
      List<Integer> next = new ArrayList<>();
      for (int c : active) {
        List<List<Integer>> components = components(points.get(c), reach, level);
        List<List<Integer>> big = components.stream().filter(x -> x.size() >= minClusterSize).toList();
        for (List<Integer> component : components) {
          if (component.size() < minClusterSize) {
            for (int x : component) {
              fellFrom[x] = c;
              ambiguous[x] = big.size() >= 2;
            }
            stability.set(c, stability.get(c) + (lambda - birth.get(c)) * component.size());
          }
        }
        if (big.size() >= 2) {
          for (List<Integer> component : big) {
            stability.set(c, stability.get(c) + (lambda - birth.get(c)) * component.size());
            points.add(component);
            birth.add(lambda);
            stability.add(0.0);
            parent.add(c);
            next.add(points.size() - 1);
          }
        } else if (big.size() == 1) {
          points.set(c, big.get(0));
          next.add(c);
        }
      }
      active = next;
    }
    int clusters = points.size();
    assertTrue(clusters <= 18, clusters + " clusters: too many to try every set");
    // every set of non-root clusters with no ancestor relation; keep the highest total stability
    double bestTotal = -1;
    int bestSet = 0;
    for (int set = 0; set < 1 << (clusters - 1); set++) {
      int chosen = set << 1;
      boolean ok = true;
      double total = 0;
      for (int c = 1; c < clusters && ok; c++) {
        if ((chosen >> c & 1) == 1) {
          total += stability.get(c);
          for (int a = parent.get(c); a > 0; a = parent.get(a)) {
            ok &= (chosen >> a & 1) == 0;
          }
        }
      }
      if (ok && total > bestTotal + 1e-9) {
        bestTotal = total;
        bestSet = chosen;
      }
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = Clusters.NOISE;
      for (int c = fellFrom[i]; c > 0; c = parent.get(c)) {
        if ((bestSet >> c & 1) == 1) {
          labels[i] = c;
        }
      }
    }
    return labels;
  }

  private static List<List<Integer>> components(List<Integer> members, double[][] reach, double level) {
    List<List<Integer>> out = new ArrayList<>();
    boolean[] seen = new boolean[reach.length];
    for (int start : members) {
      if (seen[start]) {
        continue;
      }
      List<Integer> component = new ArrayList<>();
      java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(start));
      seen[start] = true;
      while (!queue.isEmpty()) {
        int x = queue.poll();
        component.add(x);
        for (int y : members) {
          if (!seen[y] && reach[x][y] < level) {
            seen[y] = true;
            queue.add(y);
          }
        }
      }
      out.add(component);
    }
    return out;
  }

  private static int root(int[] uf, int x) {
    while (uf[x] != x) {
      x = uf[x];
    }
    return x;
  }
}
