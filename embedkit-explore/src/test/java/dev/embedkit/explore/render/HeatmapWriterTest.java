package dev.embedkit.explore.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HeatmapWriterTest {
  @Test
  void cellsGetBrighterAsTheirScoreRises() {
    int n = 6;
    float[][] scores = new float[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scores[i][j] = -1f + 2f * (i * n + j) / (n * n - 1); // every cell a different value, rising row by row
      }
    }
    SimilarityMatrix matrix = new SimilarityMatrix(labels(n), scores, "cosine");
    BufferedImage image = new HeatmapWriter().png(matrix);
    HeatmapLayout layout = new HeatmapLayout(matrix);
    double previous = -1;
    for (HeatmapLayout.Cell cell : layout.cells) {
      // A corner of the cell: its centre holds the printed value.
      Color c = new Color(image.getRGB((int) cell.box().x() + 3, (int) cell.box().y() + 3));
      double luminance = Palette.luminance(c);
      assertTrue(luminance > previous, "luminance must rise with the score: " + luminance + " after " + previous);
      previous = luminance;
    }
    assertTrue(PngMapWriterTest.distance(Palette.viridis(0), new Color(image.getRGB((int) layout.cells.get(0).box().x() + 3,
        (int) layout.cells.get(0).box().y() + 3))) < 6, "the lowest score is viridis' darkest");
  }

  @Test
  void valuesArePrintedInBigCellsInAContrastingColour() throws Exception {
    SimilarityMatrix matrix = RenderSamplesTest.matrix(5);
    HeatmapLayout layout = new HeatmapLayout(matrix);
    for (HeatmapLayout.Cell cell : layout.cells) {
      assertTrue(cell.value() != null);
      double contrast = (Math.max(Palette.luminance(cell.fill()), Palette.luminance(cell.textColour())) + 0.05)
          / (Math.min(Palette.luminance(cell.fill()), Palette.luminance(cell.textColour())) + 0.05);
      assertTrue(contrast >= 4.5, "text on " + cell.fill() + " has contrast " + contrast);
    }
    List<String> texts = SvgMapWriterTest.texts(SvgMapWriterTest.parse(new HeatmapWriter().svg(matrix)));
    assertTrue(texts.contains("1.00"), "the diagonal's values are printed");
    assertTrue(texts.contains("cosine"), "the colour bar names the metric");
  }

  @Test
  void rowAndColumnLabelsAppearInTheSvg() throws Exception {
    SimilarityMatrix matrix = RenderSamplesTest.matrix(8);
    Document svg = SvgMapWriterTest.parse(new HeatmapWriter().svg(matrix));
    List<String> texts = SvgMapWriterTest.texts(svg);
    for (String label : matrix.labels()) {
      String shown = Typeface.fit(label, new HeatmapLayout(matrix).labelSize, false, 220);
      assertEquals(2, texts.stream().filter(shown::equals).count(), "row and column label for " + label);
    }
  }

  @Test
  void aHundredLabelsStillFitWithoutPrintedValues() throws Exception {
    SimilarityMatrix matrix = RenderSamplesTest.matrix(100);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HeatmapFormat.PNG.write(matrix, out);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    HeatmapLayout layout = new HeatmapLayout(matrix);
    assertEquals(layout.width, image.getWidth());
    assertTrue(image.getWidth() < 1400 && image.getHeight() < 1400, image.getWidth() + "x" + image.getHeight());
    assertNull(layout.cells.get(0).value(), "cells this small print no values");
    Box picture = new Box(0, 0, layout.width, layout.height);
    assertTrue(layout.grid.within(picture) && layout.bar.within(picture));
  }

  @Test
  void twoLabelsDraw() {
    SimilarityMatrix matrix = new SimilarityMatrix(List.of("a", "b"), new float[][] {{1, 0.5f}, {0.5f, 1}}, "cosine");
    BufferedImage image = new HeatmapWriter().png(matrix);
    assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
  }

  @Test
  void badMatricesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HeatmapWriter().png(new SimilarityMatrix(List.of(), new float[0][], "cosine")));
    IllegalArgumentException notSquare = assertThrows(IllegalArgumentException.class,
        () -> new HeatmapWriter().png(new SimilarityMatrix(List.of("a", "b"), new float[][] {{1, 0}, {0}}, "cosine")));
    assertTrue(notSquare.getMessage().contains("row 1"), notSquare.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> new HeatmapWriter().svg(new SimilarityMatrix(List.of("a", "b"), new float[][] {{1, Float.NaN}, {0, 1}}, "cosine")));
    assertTrue(nan.getMessage().contains("[0][1]") && nan.getMessage().contains("NaN"), nan.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new HeatmapWriter().svg(new SimilarityMatrix(List.of("a"), new float[][] {{1, 0}, {0, 1}}, "cosine")));
  }

  private static List<String> labels(int n) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels.add("sentence " + i);
    }
    return labels;
  }
}
