package dev.embedkit.explore.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapLayoutTest {
  @Test
  void placedLabelsStayInsideThePlotAndNeverOverlap() {
    for (RenderOptions options : List.of(RenderOptions.DEFAULT, RenderOptions.DEFAULT.withSize(640, 480).withMaxLabels(60))) {
      MapLayout layout = new MapLayout(SyntheticMaps.clustered(2000, 6, 0.1, 12), options);
      assertFalse(layout.labels.isEmpty());
      Box picture = new Box(0, 0, layout.width, layout.height);
      for (int a = 0; a < layout.labels.size(); a++) {
        Box box = layout.labels.get(a).box();
        assertTrue(box.within(layout.plot) && box.within(picture), "label " + box + " leaves the plot " + layout.plot);
        assertTrue(layout.legend == null || !box.intersects(layout.legend));
        for (int b = a + 1; b < layout.labels.size(); b++) {
          assertFalse(box.intersects(layout.labels.get(b).box()));
        }
      }
    }
  }

  @Test
  void eachClustersMostCentralMemberIsLabelledFirst() {
    SpaceMap map = SyntheticMaps.clustered(600, 5, 0, 13);
    MapLayout layout = new MapLayout(map, RenderOptions.DEFAULT);
    List<Integer> firstLabelled = layout.labels.subList(0, map.clusters().size()).stream().map(MapLayout.Label::point).toList();
    for (MapCluster c : map.clusters()) {
      assertTrue(firstLabelled.contains(c.central().get(0)), "cluster " + c.name() + "'s central member is among the first labels");
    }
  }

  @Test
  void longTextsAreCutWithAnEllipsis() {
    MapPoint p = new MapPoint(0, 0, -1, "x", "A sentence that goes on and on, well beyond what a label can show.", Map.of(), null);
    String label = MapLayout.labelText(p, 20);
    assertEquals(20, label.length());
    assertTrue(label.endsWith("\u2026"));
    assertEquals("short", MapLayout.labelText(new MapPoint(0, 0, -1, "x", " short\n", Map.of(), null), 20));
    assertEquals("id-7", MapLayout.labelText(new MapPoint(0, 0, -1, "id-7", null, Map.of(), null), 20), "no text: the id");
  }

  @Test
  void nonFiniteCoordinatesAreRefusedNamingThePoint() {
    List<MapPoint> points = new ArrayList<>(SyntheticMaps.clustered(10, 2, 0, 14).points());
    points.set(3, new MapPoint(Float.NaN, 1, 0, "doc-3", "t", Map.of(), null));
    SpaceMap map = new SpaceMap("t", "c", "pca", points, List.of());
    for (MapFormat format : MapFormat.values()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> format.write(map, new java.io.ByteArrayOutputStream()));
      assertTrue(e.getMessage().contains("point 3") && e.getMessage().contains("doc-3") && e.getMessage().contains("NaN"), e.getMessage());
    }
    points.set(3, new MapPoint(1, Float.POSITIVE_INFINITY, 0, "doc-3", "t", Map.of(), null));
    assertThrows(IllegalArgumentException.class, () -> new MapLayout(new SpaceMap("t", "c", "pca", points, List.of()), RenderOptions.DEFAULT));
  }

  @Test
  void anEmptyMapIsRefused() {
    SpaceMap empty = new SpaceMap("t", "c", "pca", List.of(), List.of());
    for (MapFormat format : MapFormat.values()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> format.write(empty, new java.io.ByteArrayOutputStream()));
      assertTrue(e.getMessage().contains("no points"), e.getMessage());
    }
  }

  @Test
  void pointsAllAtOneSpotDrawAtThePlotsCentre() {
    List<MapPoint> points = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      points.add(new MapPoint(5f, -2f, 0, "p" + i, "same", Map.of(), null));
    }
    SpaceMap map = new SpaceMap("One spot", "", "pca", points, List.of(new MapCluster(0, "all", List.of("all"), 20, List.of(0))));
    RenderOptions options = RenderOptions.DEFAULT.withMaxLabels(0);
    MapLayout layout = new MapLayout(map, options);
    assertEquals(layout.plot.centreX(), layout.px[0], 1e-3);
    assertEquals(layout.plot.centreY(), layout.py[0], 1e-3);
    BufferedImage image = new PngMapWriter(options).draw(map);
    Color centre = new Color(image.getRGB(Math.round(layout.px[0]), Math.round(layout.py[0])));
    assertTrue(PngMapWriterTest.distance(Palette.cluster(0), centre) < 10, "the stacked points show in their colour: " + centre);
  }

  @Test
  void pointsOnALineStayOnALine() {
    List<MapPoint> points = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      points.add(new MapPoint(i, 3f, -1, "p" + i, "t", Map.of(), null));
    }
    MapLayout layout = new MapLayout(new SpaceMap("", "", "pca", points, List.of()), RenderOptions.DEFAULT);
    for (int i = 0; i < 10; i++) {
      assertEquals(layout.plot.centreY(), layout.py[i], 1e-3);
      assertTrue(layout.px[i] >= layout.plot.x() && layout.px[i] <= layout.plot.right());
    }
    assertTrue(layout.px[9] - layout.px[0] > layout.plot.w() * 0.8, "the line spans the plot");
    assertEquals(null, layout.legend, "no clusters, no legend");
  }

  @Test
  void manyClustersGetColoursThenShapes() {
    assertEquals(Palette.cluster(0), Palette.cluster(8));
    assertEquals(Marker.CIRCLE, Palette.marker(0));
    assertEquals(Marker.SQUARE, Palette.marker(8));
    assertEquals(Palette.UNCLUSTERED, Palette.cluster(-1));
  }
}
