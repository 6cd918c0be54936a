package dev.embedkit.explore.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Seeded synthetic maps for the render tests: Gaussian blobs, one per topic, each point a realistic sentence of its
 * topic, with metadata (a genre string and a numeric length) and optionally thumbnails.
 */
final class SyntheticMaps {
  static final String[][] TOPICS = {
    {"soccer, ball, playing", "A man is playing soccer on a muddy field.", "Two teams compete for the ball in the final minutes.",
        "The goalkeeper dives to stop a penalty kick.", "Children kick a ball around the schoolyard after class."},
    {"cooking, kitchen, recipe", "A woman is slicing onions in the kitchen.", "The chef adds garlic to the hot pan.",
        "Someone is stirring a pot of tomato soup.", "A man is peeling potatoes for dinner tonight."},
    {"markets, shares, stocks", "Stocks fell sharply after the central bank raised interest rates.",
        "Shares of the carmaker rose four percent in early trading.", "Oil prices climbed for a third straight week.",
        "The index closed at a record high on Friday."},
    {"music, guitar, playing", "A man is playing the guitar on a street corner.", "The band played their new single at the festival.",
        "A girl is practising the piano in her room.", "Someone is tuning a violin before the concert."},
    {"election, vote, president", "Voters lined up early to cast their ballots in the presidential election.",
        "The senator announced she would run for president.", "Officials began counting votes late on Tuesday night.",
        "The parliament passed the budget after a long debate."},
    {"animals, dog, cat", "A dog is running through the tall grass.", "A cat is sleeping on a sunny windowsill.",
        "Two puppies are playing with a red ball.", "A horse is galloping across the beach."},
  };
  static final String[] GENRES = {"captions", "forums", "news"};

  private SyntheticMaps() {}

  /** n points in the given number of clusters (at most TOPICS.length names), a share of them unclustered. */
  static SpaceMap clustered(int n, int clusters, double unclusteredShare, long seed) {
    Random random = new Random(seed);
    double[][] centres = new double[clusters][];
    for (int c = 0; c < clusters; c++) {
      double angle = 2 * Math.PI * c / clusters;
      centres[c] = new double[] {10 * Math.cos(angle) + random.nextGaussian(), 7 * Math.sin(angle) + random.nextGaussian()};
    }
    List<MapPoint> points = new ArrayList<>(n);
    int[] sizes = new int[clusters];
    for (int i = 0; i < n; i++) {
      boolean unclustered = random.nextDouble() < unclusteredShare;
      int c = random.nextInt(clusters);
      double x = unclustered ? random.nextDouble() * 26 - 13 : centres[c][0] + random.nextGaussian() * 1.6;
      double y = unclustered ? random.nextDouble() * 20 - 10 : centres[c][1] + random.nextGaussian() * 1.6;
      String[] topic = TOPICS[c % TOPICS.length];
      String text = topic[1 + random.nextInt(topic.length - 1)] + (random.nextInt(3) == 0 ? " It was " + (i % 97) + " degrees outside." : "");
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("genre", GENRES[random.nextInt(GENRES.length)]);
      metadata.put("length", text.length());
      points.add(new MapPoint((float) x, (float) y, unclustered ? -1 : c, "doc-" + i, text, metadata, null));
      if (!unclustered) {
        sizes[c]++;
      }
    }
    return new SpaceMap("Synthetic sentences, " + n + " points", "PCA of synthetic embeddings, seed " + seed
        + "; a sample of " + n + " points; clusters by k-means, named by their most distinctive terms", "pca", points,
        clustersOf(points, sizes));
  }

  /** The clusters of these points, largest first, each with its members nearest its centroid as central. */
  static List<MapCluster> clustersOf(List<MapPoint> points, int[] sizes) {
    List<MapCluster> clusters = new ArrayList<>();
    for (int c = 0; c < sizes.length; c++) {
      double cx = 0, cy = 0;
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        if (points.get(i).cluster() == c) {
          members.add(i);
          cx += points.get(i).x();
          cy += points.get(i).y();
        }
      }
      double mx = cx / Math.max(1, members.size()), my = cy / Math.max(1, members.size());
      members.sort((a, b) -> Double.compare(dist(points.get(a), mx, my), dist(points.get(b), mx, my)));
      String name = TOPICS[c % TOPICS.length][0];
      clusters.add(new MapCluster(c, name, List.of(name.split(", ")), sizes[c], List.copyOf(members.subList(0, Math.min(5, members.size())))));
    }
    clusters.sort((a, b) -> Integer.compare(b.size(), a.size()));
    return clusters;
  }

  /** The map with a thumbnail on every point: a square of one solid colour per point, given by colourOf. */
  static SpaceMap withThumbnails(SpaceMap map, java.util.function.IntFunction<Color> colourOf) {
    List<MapPoint> points = new ArrayList<>();
    for (int i = 0; i < map.points().size(); i++) {
      MapPoint p = map.points().get(i);
      points.add(new MapPoint(p.x(), p.y(), p.cluster(), p.id(), "image-" + i + ".jpg", p.metadata(), solidPng(colourOf.apply(i), 48)));
    }
    return new SpaceMap(map.title(), map.caption(), map.method(), points, map.clusters());
  }

  static byte[] solidPng(Color colour, int side) {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, side, side);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static double dist(MapPoint p, double x, double y) {
    return Math.hypot(p.x() - x, p.y() - y);
  }
}
