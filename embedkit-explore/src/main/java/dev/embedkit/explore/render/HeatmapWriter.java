package dev.embedkit.explore.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Draws a similarity matrix as a labelled heatmap, in PNG or SVG from one layout ({@link HeatmapLayout}): viridis
 * over the matrix's [min, max], values printed in cells that are big enough, and a colour bar named by the metric.
 *
 * <pre>{@code
 * new HeatmapWriter().writeSvg(new SimilarityMatrix(labels, scores, "cosine"), out);
 * }</pre>
 */
public final class HeatmapWriter {
  private static final double GRID_LINE = 0.5;

  public void writePng(SimilarityMatrix matrix, OutputStream out) {
    try {
      ImageIO.write(png(matrix), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the PNG heatmap", e);
    }
  }

  public void writeSvg(SimilarityMatrix matrix, OutputStream out) {
    try {
      out.write(svg(matrix).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the SVG heatmap", e);
    }
  }

  /** The heatmap as an image. */
  public BufferedImage png(SimilarityMatrix matrix) {
    Headless.ensure();
    HeatmapLayout layout = new HeatmapLayout(matrix);
    BufferedImage image = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
    Java2dSurface surface = new Java2dSurface(image);
    paint(layout, surface);
    surface.dispose();
    return image;
  }

  /** The heatmap as an SVG document. */
  public String svg(SimilarityMatrix matrix) {
    Headless.ensure();
    HeatmapLayout layout = new HeatmapLayout(matrix);
    SvgSurface surface = new SvgSurface(layout.width, layout.height, matrix.metric());
    paint(layout, surface);
    return surface.finish();
  }

  private static void paint(HeatmapLayout layout, Surface surface) {
    for (HeatmapLayout.Cell cell : layout.cells) {
      // A hairline in the cell's own colour closes the antialiasing seams between neighbouring cells.
      surface.rect(cell.box(), cell.fill(), cell.fill(), GRID_LINE);
      if (cell.value() != null) {
        surface.text(cell.value(), cell.box().centreX(), cell.box().centreY() + layout.valueSize * 0.35, layout.valueSize, false,
            cell.textColour(), Surface.Anchor.MIDDLE, 0);
      }
    }
    for (MapLayout.Text label : layout.rowLabels) {
      surface.text(label.text(), label.x(), label.y(), label.size(), false, Palette.TEXT, Surface.Anchor.END, 0);
    }
    for (MapLayout.Text label : layout.columnLabels) {
      surface.text(label.text(), label.x(), label.y(), label.size(), false, Palette.TEXT, Surface.Anchor.START, -90);
    }
    paintBar(layout, surface);
  }

  private static void paintBar(HeatmapLayout layout, Surface surface) {
    Box bar = layout.bar;
    int steps = (int) Math.ceil(bar.h());
    for (int s = 0; s < steps; s++) { // top is max, bottom is min
      double t = 1 - (s + 0.5) / steps;
      Box strip = new Box(bar.x(), bar.y() + s, bar.w(), Math.min(1, bar.h() - s));
      java.awt.Color c = Palette.viridis(t);
      surface.rect(strip, c, c, 0.3);
    }
    surface.rect(bar, null, Palette.MUTED_TEXT, 0.75);
    for (HeatmapLayout.Tick tick : layout.ticks) {
      surface.line(bar.right(), tick.y(), bar.right() + 4, tick.y(), Palette.MUTED_TEXT, 1);
      surface.text(tick.text(), bar.right() + 6, tick.y() + 4, 12, false, Palette.TEXT, Surface.Anchor.START, 0);
    }
    surface.text(layout.metric.text(), layout.metric.x(), layout.metric.y(), layout.metric.size(), true, Palette.TEXT,
        Surface.Anchor.START, 0);
  }
}
