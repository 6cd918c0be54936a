package dev.embedkit.explore.cluster;

import java.util.List;
import java.util.Map;

/** STUB: the clustering helper implements this (see the task). */
public final class ClusterTerms {
  private ClusterTerms() {}

  public static Map<Integer, List<String>> topTerms(List<String> texts, int[] labels, int count) {
    throw new UnsupportedOperationException("stub");
  }

  public static String name(List<String> terms) {
    throw new UnsupportedOperationException("stub");
  }
}
