package dev.embedkit.explore.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngMapWriterTest {
  private static final RenderOptions NO_LABELS = RenderOptions.DEFAULT.withSize(1000, 750).withMaxLabels(0);

  @Test
  void theWrittenPngDecodesAtTheRequestedSize() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PngMapWriter(NO_LABELS).write(SyntheticMaps.clustered(300, 4, 0.1, 2), out);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(1000, image.getWidth());
    assertEquals(750, image.getHeight());
  }

  @Test
  void eachPointShowsInItsClustersColourWhereTheLayoutPutsIt() {
    SpaceMap map = SyntheticMaps.clustered(200, 5, 0, 3);
    BufferedImage image = new PngMapWriter(NO_LABELS).draw(map);
    MapLayout layout = new MapLayout(map, NO_LABELS);
    ClusterKey key = new ClusterKey(map);
    // The last-drawn point of each position shows on top; check points drawn last in their cluster.
    int checked = 0;
    for (int k = layout.drawOrder.length - 1; k >= 0 && checked < 40; k -= 5) {
      int i = layout.drawOrder[k];
      if (coveredByLaterPoint(layout, k)) {
        continue;
      }
      Color expected = over(Palette.cluster(key.slot(map.points().get(i).cluster())), layout.alpha);
      Color actual = new Color(image.getRGB(Math.round(layout.px[i]), Math.round(layout.py[i])));
      assertTrue(distance(expected, actual) < 40, "point " + i + ": expected about " + expected + " but found " + actual);
      checked++;
    }
    assertTrue(checked >= 10, "too few uncovered points checked: " + checked);
  }

  @Test
  void unclusteredPointsAreGreyAndDrawnFirst() {
    SpaceMap map = SyntheticMaps.clustered(300, 3, 0.3, 4);
    MapLayout layout = new MapLayout(map, NO_LABELS);
    int firstClustered = 0;
    while (layout.slots[layout.drawOrder[firstClustered]] < 0) {
      firstClustered++;
    }
    long unclustered = map.points().stream().filter(p -> p.cluster() < 0).count();
    assertEquals(unclustered, firstClustered);
    for (int k = firstClustered; k < layout.drawOrder.length; k++) {
      assertTrue(layout.slots[layout.drawOrder[k]] >= 0);
    }
  }

  @Test
  void thumbnailsAreDrawnAtTheirPointsWithAClusterColouredBorder() {
    Color[] colours = {new Color(220, 20, 60), new Color(30, 144, 255), new Color(50, 205, 50)};
    SpaceMap map = SyntheticMaps.withThumbnails(SyntheticMaps.clustered(9, 3, 0, 5), i -> colours[i % 3]);
    BufferedImage image = new PngMapWriter(NO_LABELS).draw(map);
    MapLayout layout = new MapLayout(map, NO_LABELS);
    assertEquals(9, layout.thumbnails.size(), "with few thumbnails, all are drawn");
    // Check the thumbnails no later one covers: their centre shows their own colour.
    int checked = 0;
    for (int t = 0; t < layout.thumbnails.size(); t++) {
      MapLayout.Thumbnail thumb = layout.thumbnails.get(t);
      Box box = thumb.box();
      List<MapLayout.Thumbnail> later = layout.thumbnails.subList(t + 1, layout.thumbnails.size());
      if (!covered(later, box.centreX(), box.centreY())) {
        Color centre = new Color(image.getRGB((int) box.centreX(), (int) box.centreY()));
        assertTrue(distance(colours[thumb.point() % 3], centre) < 12, "thumbnail of point " + thumb.point() + " shows " + centre);
        checked++;
      }
      if (!covered(later, box.centreX(), box.y() + 1)) {
        Color border = new Color(image.getRGB((int) box.centreX(), (int) Math.round(box.y() + 1)));
        assertTrue(distance(Palette.cluster(thumb.slot()), border) < 40, "border of point " + thumb.point() + " is " + border);
      }
    }
    assertTrue(checked >= 3, "too few uncovered thumbnails: " + checked);
  }

  private static boolean covered(List<MapLayout.Thumbnail> later, double x, double y) {
    return later.stream().anyMatch(l -> l.box().grow(1).intersects(Box.centredOn(x, y, 1, 1)));
  }

  @Test
  void manyThumbnailsAreThinnedSoThatNoneCoversAnotherMuch() {
    SpaceMap map = SyntheticMaps.withThumbnails(SyntheticMaps.clustered(400, 4, 0, 6), i -> Color.ORANGE);
    MapLayout layout = new MapLayout(map, RenderOptions.DEFAULT);
    List<MapLayout.Thumbnail> thumbs = layout.thumbnails;
    assertTrue(thumbs.size() > MapLayout.FEW_THUMBNAILS && thumbs.size() < 400, "some drawn, some skipped: " + thumbs.size());
    double area = RenderOptions.DEFAULT_THUMBNAIL_SIZE * RenderOptions.DEFAULT_THUMBNAIL_SIZE;
    for (int a = 0; a < thumbs.size(); a++) {
      assertTrue(thumbs.get(a).box().within(layout.plot));
      for (int b = a + 1; b < thumbs.size(); b++) {
        assertTrue(thumbs.get(a).box().overlapArea(thumbs.get(b).box()) <= MapLayout.MAX_THUMBNAIL_OVERLAP * area + 1e-9);
      }
    }
  }

  @Test
  void theSameMapGivesTheSamePixels() throws IOException {
    SpaceMap map = SyntheticMaps.withThumbnails(SyntheticMaps.clustered(40, 3, 0.1, 8), i -> Color.MAGENTA);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    new PngMapWriter(RenderOptions.DEFAULT).write(map, first);
    new PngMapWriter(RenderOptions.DEFAULT).write(map, second);
    BufferedImage a = ImageIO.read(new ByteArrayInputStream(first.toByteArray()));
    BufferedImage b = ImageIO.read(new ByteArrayInputStream(second.toByteArray()));
    assertArrayEquals(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
        b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
  }

  @Test
  void aHundredThousandPointsRenderQuicklyAndLookLikeADensity() {
    SpaceMap map = SyntheticMaps.clustered(100_000, 6, 0.1, 9);
    long start = System.nanoTime();
    BufferedImage image = new PngMapWriter(RenderOptions.DEFAULT).draw(map);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "PNG map, 100,000 points: drawn in %.2f s%n", seconds);
    MapLayout layout = new MapLayout(map, RenderOptions.DEFAULT);
    assertTrue(layout.alpha < 0.5 && layout.radius <= 2, "many points are drawn small and translucent");
    assertTrue(seconds < 30, "drawing took " + seconds + " s");
    assertEquals(RenderOptions.DEFAULT_WIDTH, image.getWidth());
  }

  /** Whether a point drawn after position k of the drawing order lands on the same pixel. */
  private static boolean coveredByLaterPoint(MapLayout layout, int k) {
    int i = layout.drawOrder[k];
    for (int later = k + 1; later < layout.drawOrder.length; later++) {
      int j = layout.drawOrder[later];
      if (Math.hypot(layout.px[i] - layout.px[j], layout.py[i] - layout.py[j]) < 2 * layout.radius + 1) {
        return true;
      }
    }
    return false;
  }

  /** The colour drawn with this alpha over white. */
  static Color over(Color c, double alpha) {
    return new Color((int) Math.round(c.getRed() * alpha + 255 * (1 - alpha)), (int) Math.round(c.getGreen() * alpha + 255 * (1 - alpha)),
        (int) Math.round(c.getBlue() * alpha + 255 * (1 - alpha)));
  }

  static double distance(Color a, Color b) {
    return Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2) + Math.pow(a.getBlue() - b.getBlue(), 2));
  }
}
