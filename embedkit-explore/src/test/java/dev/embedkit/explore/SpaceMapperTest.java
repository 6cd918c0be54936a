package dev.embedkit.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.explore.cluster.AdjustedRandIndex;
import dev.embedkit.explore.project.Method;
import dev.embedkit.explore.render.MapPoint;
import dev.embedkit.explore.render.SpaceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SpaceMapper}: the checks, fallbacks and sampling around the algorithms, on real and seeded vectors. */
class SpaceMapperTest {
  static List<MapItem> items(int n) {
    List<MapItem> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(MapItem.text(String.valueOf(i), "text " + i));
    }
    return out;
  }

  static float[][] random(int n, int dims, long seed) {
    Random r = new Random(seed);
    float[][] v = new float[n][dims];
    for (float[] row : v) {
      for (int d = 0; d < dims; d++) {
        row[d] = (float) r.nextGaussian();
      }
    }
    return v;
  }

  static float[][] coordinates(SpaceMap map) {
    return map.points().stream().map(p -> new float[] {p.x(), p.y()}).toArray(float[][]::new);
  }

  @Test
  void theSameSeedGivesTheSameMapForEveryMethod() {
    float[][] vectors = random(60, 16, 1);
    for (Method method : Method.values()) {
      MapOptions options = MapOptions.DEFAULTS.withMethod(method);
      SpaceMap a = SpaceMapper.map("t", items(60), vectors, options);
      SpaceMap b = SpaceMapper.map("t", items(60), vectors, options);
      assertArrayEquals(coordinates(a), coordinates(b), method + " is deterministic");
      assertEquals(a.clusters(), b.clusters());
      assertEquals(method.id(), a.method());
    }
  }

  @Test
  void notFiniteVectorsAreRefusedNamingTheInputAndDimension() {
    float[][] vectors = random(20, 8, 2);
    vectors[7][3] = Float.NaN;
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> SpaceMapper.map("t", items(20), vectors, MapOptions.DEFAULTS));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertEquals("input 8 ('7') has NaN at dimension 3; a map takes finite numbers only", e.getMessage());
    vectors[7][3] = Float.POSITIVE_INFINITY;
    assertThrows(EmbedkitException.class, () -> SpaceMapper.map("t", items(20), vectors, MapOptions.DEFAULTS));
  }

  @Test
  void tooFewPointsStopAndFewPointsFallBackToPca() {
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> SpaceMapper.map("t", items(2), random(2, 8, 3), MapOptions.DEFAULTS));
    assertEquals("a map needs at least 3 points; got 2", e.getMessage());
    assertThrows(EmbedkitException.class, () -> SpaceMapper.map("t", List.of(), new float[0][], MapOptions.DEFAULTS));
    for (Method method : List.of(Method.UMAP, Method.TSNE)) {
      SpaceMap map = SpaceMapper.map("t", items(6), random(6, 8, 4), MapOptions.DEFAULTS.withMethod(method));
      assertEquals("pca", map.method());
      assertTrue(map.caption().contains("needs at least 10 points; drawn with PCA"), map.caption());
      assertEquals(6, map.points().size());
    }
  }

  @Test
  void identicalVectorsShareOnePlaceAndTheCaptionSaysSo() {
    float[][] vectors = new float[30][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = new float[] {0.5f, -1f, 2f};
    }
    SpaceMap map = SpaceMapper.map("t", items(30), vectors, MapOptions.DEFAULTS);
    assertTrue(map.caption().contains("all vectors are identical"), map.caption());
    MapPoint first = map.points().get(0);
    for (MapPoint p : map.points()) {
      assertEquals(first.x(), p.x());
      assertEquals(first.y(), p.y());
      assertTrue(Float.isFinite(p.x()) && Float.isFinite(p.y()));
    }
    assertTrue(map.clusters().isEmpty());
  }

  @Test
  void aPointLimitSamplesSeededAndTheCaptionSaysSo() {
    float[][] vectors = random(200, 8, 5);
    SpaceMap map = SpaceMapper.map("t", items(200), vectors, MapOptions.DEFAULTS.withMaxPoints(50)
        .withMethod(Method.PCA));
    assertEquals(50, map.points().size());
    assertTrue(map.caption().contains("a random sample of 50 of 200 points (the point limit)"), map.caption());
    SpaceMap again = SpaceMapper.map("t", items(200), vectors, MapOptions.DEFAULTS.withMaxPoints(50)
        .withMethod(Method.PCA));
    assertEquals(map.points().stream().map(MapPoint::id).toList(), again.points().stream().map(MapPoint::id).toList());
  }

  @Test
  void theHeapBoundSamplesTsneBeforeUmapBeforePca() {
    int tsne = MapVectors.pointsThatFit(Method.TSNE, 384);
    int umap = MapVectors.pointsThatFit(Method.UMAP, 384);
    int pca = MapVectors.pointsThatFit(Method.PCA, 384);
    assertTrue(tsne < umap && umap < pca, tsne + " < " + umap + " < " + pca);
    long free = Runtime.getRuntime().maxMemory();
    assertTrue((long) tsne * (4 * 384 + 3_000) <= free, "t-SNE's points fit the heap");
  }

  /**
   * The STS-B sentences' UMAP map, clustered with no hint, against the sentences' source genres (captions, forums,
   * news): the adjusted Rand index is reported; the floor is below the 0.931 measured (random labels score about 0).
   */
  @Test
  void stsbUmapMapClustersFollowTheSourceGenres() {
    List<ExploreTestData.LabelledSentence> sentences = ExploreTestData.stsbSentences();
    List<MapItem> items = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      items.add(MapItem.text(String.valueOf(i), sentences.get(i).text()));
    }
    SpaceMap map = SpaceMapper.map("STS-B", items, ExploreTestData.stsbEmbeddings(), MapOptions.DEFAULTS);
    int[] clusters = map.points().stream().mapToInt(MapPoint::cluster).toArray();
    double ari = AdjustedRandIndex.of(ExploreTestData.stsbGenres(), clusters);
    System.out.printf("STS-B UMAP map, auto clusters (%d) vs genres: ARI %.3f%n", map.clusters().size(), ari);
    assertTrue(ari >= 0.85, "ARI " + ari);
  }

  @Test
  void stsbSentencesMapWithNamedClustersAndCentralMembers() {
    List<ExploreTestData.LabelledSentence> sentences = ExploreTestData.stsbSentences();
    List<MapItem> items = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      items.add(MapItem.text(String.valueOf(i), sentences.get(i).text()));
    }
    SpaceMap map = SpaceMapper.map("STS-B", items, ExploreTestData.stsbEmbeddings(),
        MapOptions.DEFAULTS.withMethod(Method.PCA).withClusters(ClusterChoice.kMeans(3)));
    assertEquals(sentences.size(), map.points().size());
    assertEquals(3, map.clusters().size());
    int total = 0;
    for (var cluster : map.clusters()) {
      total += cluster.size();
      assertTrue(!cluster.terms().isEmpty(), "cluster " + cluster.id() + " is named");
      assertTrue(!cluster.central().isEmpty());
      for (int member : cluster.central()) {
        assertEquals(cluster.id(), map.points().get(member).cluster(), "central members belong to their cluster");
      }
    }
    assertEquals(sentences.size(), total);
    assertTrue(map.clusters().get(0).size() >= map.clusters().get(2).size(), "largest first");
  }
}
