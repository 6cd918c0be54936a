package dev.embedkit.explore.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelPlacerTest {
  private static final Box BOUNDS = new Box(0, 0, 800, 600);

  @Test
  void labelsOnADenseRandomLayoutNeverOverlapAndStayInBounds() {
    Random random = new Random(1);
    Box legend = new Box(600, 0, 200, 300);
    List<Box> markers = new ArrayList<>();
    double[][] points = new double[3000][];
    for (int i = 0; i < points.length; i++) {
      points[i] = new double[] {random.nextDouble() * 800, random.nextDouble() * 600};
      markers.add(Box.centredOn(points[i][0], points[i][1], 4, 4));
    }
    LabelPlacer placer = new LabelPlacer(BOUNDS, List.of(legend));
    int placed = 0;
    List<Box> labelledMarkers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double w = 40 + random.nextDouble() * 160;
      if (placer.place(points[i][0], points[i][1], w, 18, 2).isPresent()) {
        placed++;
        labelledMarkers.add(markers.get(i));
      }
    }
    List<Box> labels = placer.placed();
    assertEquals(placed, labels.size());
    assertTrue(placed > 30, "a dense layout still gets a fair number of labels; got " + placed);
    assertTrue(placed < 400, "and some points must have been refused, or the test is not dense");
    for (int a = 0; a < labels.size(); a++) {
      assertTrue(labels.get(a).within(BOUNDS), "label " + labels.get(a) + " leaves the bounds");
      assertFalse(labels.get(a).intersects(legend), "label " + labels.get(a) + " covers the legend");
      for (Box marker : labelledMarkers) {
        assertFalse(labels.get(a).intersects(marker), "label " + labels.get(a) + " covers the marker " + marker);
      }
      for (int b = a + 1; b < labels.size(); b++) {
        assertFalse(labels.get(a).intersects(labels.get(b)), labels.get(a) + " overlaps " + labels.get(b));
      }
    }
  }

  @Test
  void aLoneLabelSitsRightBesideItsPointWithoutALeader() {
    LabelPlacer placer = new LabelPlacer(BOUNDS, List.of());
    LabelPlacer.Placement p = placer.place(100, 100, 50, 16, 3).orElseThrow();
    assertFalse(p.offset());
    assertEquals(100 + 3 + LabelPlacer.GAP, p.box().x(), 1e-9);
    assertEquals(100, p.box().centreY(), 1e-9);
  }

  @Test
  void aCrowdedLabelMovesOutAndIsMarkedForALeaderLine() {
    // A frame of obstacles around the point (400, 300) blocks every position beside it, not the point itself.
    List<Box> frame = List.of(new Box(280, 270, 240, 25), new Box(280, 305, 240, 25), new Box(280, 295, 115, 10), new Box(405, 295, 115, 10));
    LabelPlacer placer = new LabelPlacer(BOUNDS, frame);
    LabelPlacer.Placement p = placer.place(400, 300, 100, 16, 3).orElseThrow();
    assertTrue(p.offset(), "all near positions are taken, so the label is offset");
    for (Box obstacle : frame) {
      assertFalse(p.box().intersects(obstacle));
    }
  }

  @Test
  void aPointUnderAnEarlierLabelGetsNone() {
    LabelPlacer placer = new LabelPlacer(BOUNDS, List.of());
    Box first = placer.place(100, 100, 80, 16, 3).orElseThrow().box();
    assertTrue(placer.place(first.centreX(), first.centreY(), 20, 16, 3).isEmpty());
  }

  @Test
  void aPointAtTheEdgeGetsItsLabelInsideTheBounds() {
    LabelPlacer placer = new LabelPlacer(BOUNDS, List.of());
    Box box = placer.place(799, 599, 120, 16, 3).orElseThrow().box();
    assertTrue(box.within(BOUNDS), box.toString());
  }

  @Test
  void aLabelWiderThanTheBoundsIsRefused() {
    assertTrue(new LabelPlacer(BOUNDS, List.of()).place(400, 300, 900, 16, 3).isEmpty());
  }
}
