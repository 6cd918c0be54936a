package dev.embedkit.explore.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.explore.mine.Similarities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CentralMembersTest {

  @Test
  void mostCentralMembersAreThoseMostSimilarToTheirClusterOnAverage() {
    // for unit vectors, cosine to the mean direction ranks members as their mean cosine to the others does
    PlantedData data = PlantedData.directions(8, 4, 50, 20, 2.0, 30);
    Map<Integer, List<Integer>> central = CentralMembers.of(data.points, data.truth, 5);
    assertEquals(4, central.size(), "noise is not a cluster");
    for (int c = 0; c < 4; c++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < data.truth.length; i++) {
        if (data.truth[i] == c) {
          members.add(i);
        }
      }
      double[] meanSimilarity = new double[data.points.length];
      for (int i : members) {
        for (int j : members) {
          if (i != j) {
            meanSimilarity[i] += Similarities.dot(data.points[i], data.points[j]) / (members.size() - 1);
          }
        }
      }
      members.sort(Comparator.comparingDouble((Integer i) -> -meanSimilarity[i]));
      assertEquals(members.subList(0, 5), central.get(c), "cluster " + c);
    }
  }
}
