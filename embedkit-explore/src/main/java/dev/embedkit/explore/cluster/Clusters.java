package dev.embedkit.explore.cluster;

import java.util.Arrays;

/**
 * A clustering: a cluster per point, {@link #NOISE} for points left unclustered (HDBSCAN's noise, points in no
 * community), clusters numbered 0..count-1, largest first.
 */
public record Clusters(int[] labels, int count) {
  public static final int NOISE = -1;

  public static Clusters none(int points) {
    return new Clusters(new int[points], points == 0 ? 0 : 1);
  }

  /**
   * Renumbers arbitrary non-negative cluster ids (and {@link #NOISE}) so that cluster 0 is the largest; equal sizes
   * are ordered by their smallest member index, so the numbering depends only on the partition, never on the ids an
   * algorithm happened to hand out.
   *
   * <pre>{@code
   * Clusters.ranked(new int[] {7, 3, 3, -1}) // labels {1, 0, 0, -1}, count 2
   * }</pre>
   */
  public static Clusters ranked(int[] rawLabels) {
    int maxId = -1;
    for (int i = 0; i < rawLabels.length; i++) {
      if (rawLabels[i] < NOISE) {
        throw new IllegalArgumentException("cluster ids must be >= -1 (noise); label[" + i + "]=" + rawLabels[i]);
      }
      maxId = Math.max(maxId, rawLabels[i]);
    }
    int[] size = new int[maxId + 1];
    int[] firstMember = new int[maxId + 1];
    Arrays.fill(firstMember, -1);
    for (int i = 0; i < rawLabels.length; i++) {
      int id = rawLabels[i];
      if (id != NOISE) {
        if (size[id]++ == 0) {
          firstMember[id] = i;
        }
      }
    }
    Integer[] used = java.util.stream.IntStream.rangeClosed(0, maxId).filter(id -> size[id] > 0).boxed().toArray(Integer[]::new);
    Arrays.sort(used, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a]) : Integer.compare(firstMember[a], firstMember[b]));
    int[] rank = new int[maxId + 1];
    for (int r = 0; r < used.length; r++) {
      rank[used[r]] = r;
    }
    int[] labels = new int[rawLabels.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rawLabels[i] == NOISE ? NOISE : rank[rawLabels[i]];
    }
    return new Clusters(labels, used.length);
  }

  /** Members per cluster, in index order ({@code members()[c]} lists cluster c's points). */
  public int[][] members() {
    int[] size = new int[count];
    for (int label : labels) {
      if (label != NOISE) {
        size[label]++;
      }
    }
    int[][] out = new int[count][];
    for (int c = 0; c < count; c++) {
      out[c] = new int[size[c]];
    }
    int[] filled = new int[count];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != NOISE) {
        out[labels[i]][filled[labels[i]]++] = i;
      }
    }
    return out;
  }
}
