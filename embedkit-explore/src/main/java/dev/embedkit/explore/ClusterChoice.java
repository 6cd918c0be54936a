package dev.embedkit.explore;

import dev.embedkit.EmbedkitException;
import java.util.Locale;

/**
 * How a map is clustered.
 *
 * @param kind the algorithm
 * @param k the number of clusters for {@link Kind#KMEANS}; 0 otherwise
 */
public record ClusterChoice(Kind kind, int k) {
  /** The most clusters a map is given or chooses: more colours than this cannot be told apart. */
  public static final int MAXIMUM_K = 50;
  public static final ClusterChoice AUTO = new ClusterChoice(Kind.AUTO, 0);
  public static final ClusterChoice NONE = new ClusterChoice(Kind.NONE, 0);
  public static final ClusterChoice HDBSCAN = new ClusterChoice(Kind.HDBSCAN, 0);
  public static final ClusterChoice COMMUNITIES = new ClusterChoice(Kind.COMMUNITIES, 0);

  public enum Kind {
    /** k-means with k chosen by the silhouette. */
    AUTO,
    /** k-means with a given k. */
    KMEANS,
    /** HDBSCAN on the map's coordinates; low-density points stay unclustered. */
    HDBSCAN,
    /** sentence-transformers' community detection (cosine >= 0.75); points in no community stay unclustered. */
    COMMUNITIES,
    NONE
  }

  public ClusterChoice {
    if (kind == Kind.KMEANS && (k < 2 || k > MAXIMUM_K)) {
      throw EmbedkitException.invalidInput("k-means needs 2 to " + MAXIMUM_K + " clusters; got " + k);
    }
  }

  public static ClusterChoice kMeans(int k) {
    return new ClusterChoice(Kind.KMEANS, k);
  }

  /** {@code auto}, a number of clusters, {@code hdbscan}, {@code communities} or {@code none}. */
  public static ClusterChoice parse(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    switch (v) {
      case "auto":
        return AUTO;
      case "hdbscan":
        return HDBSCAN;
      case "communities":
      case "community":
        return COMMUNITIES;
      case "none":
        return NONE;
      default:
        try {
          return kMeans(Integer.parseInt(v));
        } catch (NumberFormatException e) {
          throw EmbedkitException.invalidInput("unknown clustering '" + value + "'; accepted: auto, a number of"
              + " clusters (2 to " + MAXIMUM_K + "), hdbscan, communities, none");
        }
    }
  }

  public String describe() {
    return kind == Kind.KMEANS ? "k-means (k=" + k + ")" : kind.name().toLowerCase(Locale.ROOT);
  }
}
