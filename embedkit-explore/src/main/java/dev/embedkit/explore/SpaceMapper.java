package dev.embedkit.explore;

import dev.embedkit.EmbedkitException;
import dev.embedkit.explore.cluster.CentralMembers;
import dev.embedkit.explore.cluster.ClusterTerms;
import dev.embedkit.explore.cluster.Clusters;
import dev.embedkit.explore.cluster.CommunityDetection;
import dev.embedkit.explore.cluster.Hdbscan;
import dev.embedkit.explore.cluster.HdbscanOptions;
import dev.embedkit.explore.cluster.KMeansClustering;
import dev.embedkit.explore.project.Method;
import dev.embedkit.explore.project.PcaProjection;
import dev.embedkit.explore.project.Tsne;
import dev.embedkit.explore.project.TsneOptions;
import dev.embedkit.explore.project.Umap;
import dev.embedkit.explore.project.UmapOptions;
import dev.embedkit.explore.render.MapCluster;
import dev.embedkit.explore.render.MapPoint;
import dev.embedkit.explore.render.SpaceMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes a {@link SpaceMap} from inputs and their vectors: checks the vectors, samples what the heap cannot hold,
 * projects to 2-D, clusters, names each cluster by its most distinctive terms and finds its most central members.
 * Everything random comes from {@link MapOptions#seed()}: the same inputs and seed give the same map.
 *
 * <pre>{@code
 * SpaceMap map = SpaceMapper.map("sentences", items, vectors, MapOptions.DEFAULTS);
 * try (OutputStream out = Files.newOutputStream(Path.of("map.png"))) {
 *   MapFormat.PNG.write(map, out);
 * }
 * }</pre>
 *
 * <p>Geometry is cosine: vectors are normalised first, as the models' similarity is. Clusters: k-means on the UMAP or
 * t-SNE map (where the picture shows them apart; on the vectors for PCA), fitted on at most {@link #KMEANS_SAMPLE}
 * points and every point joining its nearest centre; HDBSCAN on the map's 2-D coordinates (density in the picture, as
 * BERTopic clusters a reduced UMAP space; HDBSCAN's distances mean little in 384 dimensions); community detection on
 * the vectors (its threshold is a cosine).
 */
public final class SpaceMapper {
  /** PCA of two components needs three points; fewer cannot be mapped. */
  public static final int MINIMUM_POINTS = 3;
  /** UMAP and t-SNE on fewer points are drawn with PCA instead (neighbourhoods of a handful of points mean little). */
  public static final int MINIMUM_NEIGHBOUR_POINTS = 10;
  /** k-means is fitted on at most this many points (k-means++ with 10 restarts and silhouettes grow fast). */
  public static final int KMEANS_SAMPLE = 5_000;
  /** The largest k the silhouette chooses among. */
  public static final int AUTO_MAX_K = 15;
  /** Community detection's cosine threshold (sentence-transformers' default). */
  public static final double COMMUNITY_THRESHOLD = 0.75;
  static final int TERMS = 5;
  static final int CENTRAL = 5;

  private SpaceMapper() {}

  public static SpaceMap map(String title, List<MapItem> items, float[][] vectors, MapOptions options) {
    return map(title, items, vectors, options, stage -> {});
  }

  /**
   * The map of these inputs.
   *
   * @param progress hears each stage as it starts ("projecting 2,758 points with UMAP"), for a progress line
   * @throws EmbedkitException INVALID_INPUT for no inputs, fewer than {@link #MINIMUM_POINTS}, vectors that are not
   *     finite or differ in length, or a k larger than the points
   */
  public static SpaceMap map(String title, List<MapItem> items, float[][] vectors, MapOptions options,
      Consumer<String> progress) {
    if (items.size() != vectors.length) {
      throw new IllegalArgumentException(items.size() + " items but " + vectors.length + " vectors");
    }
    if (vectors.length == 0) {
      throw EmbedkitException.invalidInput("nothing to map: no inputs");
    }
    MapVectors.requireFinite(items, vectors);
    List<String> notes = new ArrayList<>();
    int limit = options.maxPoints() > 0 ? options.maxPoints() : MapVectors.pointsThatFit(options.method(), vectors[0].length);
    int[] kept = Samples.indices(vectors.length, limit, options.seed());
    if (kept.length < vectors.length) {
      notes.add(String.format(Locale.ROOT, "a random sample of %,d of %,d points (%s)", kept.length, vectors.length,
          options.maxPoints() > 0 ? "the point limit" : "what the heap holds for " + options.method().id()));
    }
    int m = kept.length;
    if (m < MINIMUM_POINTS) {
      throw EmbedkitException.invalidInput("a map needs at least " + MINIMUM_POINTS + " points; got " + m);
    }
    float[][] unit = MapVectors.unitRows(vectors, kept);
    Method method = options.method();
    boolean identical = MapVectors.allIdentical(unit);
    if (identical) {
      notes.add("all vectors are identical: every point is at the same place");
      method = Method.PCA;
    } else if (method != Method.PCA && m < MINIMUM_NEIGHBOUR_POINTS) {
      notes.add(displayName(method) + " needs at least " + MINIMUM_NEIGHBOUR_POINTS + " points; drawn with PCA");
      method = Method.PCA;
    }
    progress.accept(String.format(Locale.ROOT, "projecting %,d points with %s", m, displayName(method)));
    float[][] xy = project(method, unit, options.seed());
    ClusterChoice choice = identical ? ClusterChoice.NONE : options.clusters();
    progress.accept("clustering: " + choice.describe());
    Clusters clusters = cluster(choice, method == Method.PCA ? unit : xy, unit, xy, options, notes);
    List<MapItem> shown = new ArrayList<>(m);
    for (int i : kept) {
      shown.add(items.get(i));
    }
    List<MapCluster> named = name(clusters, shown, unit);
    List<MapPoint> points = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      MapItem item = shown.get(i);
      points.add(new MapPoint(xy[i][0], xy[i][1], clusters.labels()[i], item.id(), item.text(), item.metadata(),
          item.thumbnail()));
    }
    String caption = caption(method, options.seed(), choice, named.size(), notes);
    return new SpaceMap(title, caption, method.id(), points, named);
  }

  static String displayName(Method method) {
    return method == Method.TSNE ? "t-SNE" : method.name();
  }

  private static float[][] project(Method method, float[][] unit, long seed) {
    int m = unit.length;
    switch (method) {
      case UMAP:
        UmapOptions u = UmapOptions.DEFAULTS.withSeed(seed);
        return Umap.project(unit, new UmapOptions(Math.min(u.neighbours(), m - 1), u.minDist(), u.epochs(), seed));
      case TSNE:
        TsneOptions t = TsneOptions.DEFAULTS.withSeed(seed);
        // sklearn needs perplexity < n and uses 3 x perplexity neighbours: small sets get a smaller perplexity
        double perplexity = Math.min(t.perplexity(), (m - 1) / 3.0);
        return Tsne.project(unit, new TsneOptions(perplexity, t.iterations(), t.theta(), seed));
      default:
        return PcaProjection.project(unit);
    }
  }

  /**
   * @param space where k-means runs: the map itself for UMAP and t-SNE, which separate what is apart in the vectors
   *     (the silhouette then picks the clusters a reader sees, and 2-D k-means is fast at any size); the vectors for
   *     PCA, whose two components flatten most of the structure
   */
  private static Clusters cluster(ClusterChoice choice, float[][] space, float[][] unit, float[][] xy,
      MapOptions options, List<String> notes) {
    int m = unit.length;
    int minSize = options.minClusterSize() > 0 ? options.minClusterSize()
        : Math.max(2, Math.min(MapOptions.DEFAULT_MIN_CLUSTER_SIZE, m / 20));
    switch (choice.kind()) {
      case AUTO:
        if (m < 4) {
          notes.add("too few points to choose a number of clusters");
          return unclustered(m);
        }
        return SampledKMeans.cluster(space, 0, Math.min(AUTO_MAX_K, (int) Math.sqrt(m)), options.seed());
      case KMEANS:
        if (choice.k() > m) {
          throw EmbedkitException.invalidInput("k-means with " + choice.k() + " clusters needs at least " + choice.k()
              + " points; got " + m);
        }
        return SampledKMeans.cluster(space, choice.k(), 0, options.seed());
      case HDBSCAN:
        return Hdbscan.cluster(xy, new HdbscanOptions(minSize, minSize));
      case COMMUNITIES:
        return CommunityDetection.asClusters(m, CommunityDetection.detect(unit, COMMUNITY_THRESHOLD, minSize));
      default:
        return unclustered(m);
    }
  }

  private static Clusters unclustered(int m) {
    int[] labels = new int[m];
    Arrays.fill(labels, Clusters.NOISE);
    return new Clusters(labels, 0);
  }

  private static List<MapCluster> name(Clusters clusters, List<MapItem> shown, float[][] unit) {
    if (clusters.count() == 0) {
      return List.of();
    }
    List<String> texts = shown.stream().map(MapItem::text).toList();
    Map<Integer, List<String>> terms = ClusterTerms.topTerms(texts, clusters.labels(), TERMS);
    Map<Integer, List<Integer>> central = CentralMembers.of(unit, clusters.labels(), CENTRAL);
    int[] sizes = new int[clusters.count()];
    for (int label : clusters.labels()) {
      if (label >= 0) {
        sizes[label]++;
      }
    }
    List<MapCluster> out = new ArrayList<>();
    for (int c = 0; c < clusters.count(); c++) {
      List<String> t = terms.getOrDefault(c, List.of());
      String name = t.isEmpty() ? "cluster " + (c + 1) : ClusterTerms.name(t);
      out.add(new MapCluster(c, name, t, sizes[c], central.getOrDefault(c, List.of())));
    }
    return out;
  }

  private static String caption(Method method, long seed, ClusterChoice choice, int clusters, List<String> notes) {
    StringBuilder s = new StringBuilder(displayName(method)).append(", seed ").append(seed);
    if (choice.kind() != ClusterChoice.Kind.NONE) {
      s.append("; ").append(clusters).append(clusters == 1 ? " cluster" : " clusters").append(" by ")
          .append(choice.kind() == ClusterChoice.Kind.AUTO ? "k-means (k by silhouette)" : choice.describe());
    }
    for (String note : notes) {
      s.append("; ").append(note);
    }
    return s.toString();
  }
}
