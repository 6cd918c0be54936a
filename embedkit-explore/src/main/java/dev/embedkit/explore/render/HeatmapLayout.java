package dev.embedkit.explore.render;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a heatmap's parts go: row labels on the left, column labels above (rotated to read upwards), the square
 * grid of cells, and a colour bar with the metric's name on the right. Cells shrink as labels grow in number, so
 * 2 to about 100 labels all give a picture of a sensible size.
 *
 * <p>The colour scale is viridis over the matrix's own [min, max] (perceptually uniform and sequential, so equal
 * steps in score look like equal steps in colour, in greyscale too). A diverging scale centred on 0 would suit
 * cosine in [-1, 1], but text-embedding cosines rarely go below 0, so it would spend half its colours on nothing.
 */
final class HeatmapLayout {
  private static final double MARGIN = 20;
  /** The grid aims at this side in pixels; cells stay within [MIN_CELL, MAX_CELL]. */
  private static final double TARGET_GRID = 760;
  private static final double MIN_CELL = 6;
  private static final double MAX_CELL = 64;
  /** Cells at least this big print their value. */
  static final double MIN_CELL_FOR_VALUES = 30;
  private static final double MAX_LABEL_SIZE = 13;
  private static final double MIN_LABEL_SIZE = 5;
  private static final double MAX_LABEL_WIDTH = 220;
  private static final double BAR_GAP = 28;
  private static final double BAR_WIDTH = 18;
  private static final double MIN_BAR_HEIGHT = 160;
  private static final int BAR_TICKS = 5;
  private static final double TICK_SIZE = 12;

  /** A cell: its box, its colour and (when big enough) its value's text. */
  record Cell(Box box, Color fill, String value, Color textColour) {}

  /** A tick of the colour bar: its y and its value's text. */
  record Tick(double y, String text) {}

  final int width;
  final int height;
  final double labelSize;
  final List<MapLayout.Text> rowLabels = new ArrayList<>();
  /** Baseline starts of column labels; drawn rotated -90 degrees (reading upwards). */
  final List<MapLayout.Text> columnLabels = new ArrayList<>();
  final List<Cell> cells = new ArrayList<>();
  final double valueSize;
  final Box grid;
  final Box bar;
  final List<Tick> ticks = new ArrayList<>();
  final MapLayout.Text metric;
  final float min;
  final float max;

  HeatmapLayout(SimilarityMatrix matrix) {
    int n = check(matrix);
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (float[] row : matrix.scores()) {
      for (float v : row) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    min = lo;
    max = hi;
    double cell = Math.max(MIN_CELL, Math.min(MAX_CELL, TARGET_GRID / n));
    labelSize = Math.max(MIN_LABEL_SIZE, Math.min(MAX_LABEL_SIZE, cell * 0.75));
    List<String> labels = new ArrayList<>();
    double labelWidth = 0;
    for (String label : matrix.labels()) {
      String text = Typeface.fit(MapLayout.oneLine(label == null ? "" : label), labelSize, false, MAX_LABEL_WIDTH);
      labels.add(text);
      labelWidth = Math.max(labelWidth, Typeface.width(text, labelSize, false));
    }
    double left = MARGIN + labelWidth + 8;
    double top = MARGIN + labelWidth + 8;
    grid = new Box(left, top, n * cell, n * cell);
    double barHeight = Math.max(grid.h(), MIN_BAR_HEIGHT);
    bar = new Box(grid.right() + BAR_GAP, top, BAR_WIDTH, barHeight);
    String metricName = matrix.metric() == null || matrix.metric().isBlank() ? "similarity" : matrix.metric();
    metric = new MapLayout.Text(Typeface.fit(metricName, TICK_SIZE, true, 160), bar.x(), top - 10, TICK_SIZE, true);

    double tickWidth = 0;
    for (int t = 0; t < BAR_TICKS; t++) {
      double value = hi - (hi - lo) * t / (BAR_TICKS - 1);
      String text = String.format(Locale.ROOT, "%.2f", value);
      tickWidth = Math.max(tickWidth, Typeface.width(text, TICK_SIZE, false));
      ticks.add(new Tick(bar.y() + barHeight * t / (BAR_TICKS - 1), text));
    }
    width = (int) Math.ceil(Math.max(bar.right() + 6 + tickWidth, metric.x() + Typeface.width(metric.text(), TICK_SIZE, true)) + MARGIN);
    height = (int) Math.ceil(Math.max(grid.bottom(), bar.bottom()) + MARGIN);

    valueSize = Math.min(13, cell * 0.3);
    for (int i = 0; i < n; i++) {
      double y = top + i * cell;
      rowLabels.add(new MapLayout.Text(labels.get(i), left - 6, y + cell / 2 + labelSize * 0.35, labelSize, false));
      columnLabels.add(new MapLayout.Text(labels.get(i), left + i * cell + cell / 2 + labelSize * 0.35, top - 6, labelSize, false));
      for (int j = 0; j < n; j++) {
        float v = matrix.scores()[i][j];
        Color fill = colour(v);
        String value = cell >= MIN_CELL_FOR_VALUES ? String.format(Locale.ROOT, "%.2f", v) : null;
        cells.add(new Cell(new Box(left + j * cell, y, cell, cell), fill, value, Palette.textOn(fill)));
      }
    }
  }

  /** The scale's colour for a score: viridis, min darkest, max brightest; a constant matrix is mid-scale. */
  Color colour(double v) {
    return Palette.viridis(max > min ? (v - min) / (max - min) : 0.5);
  }

  private static int check(SimilarityMatrix matrix) {
    if (matrix == null || matrix.scores() == null || matrix.scores().length == 0) {
      throw new IllegalArgumentException("the similarity matrix is empty; there is nothing to draw");
    }
    int n = matrix.scores().length;
    if (matrix.labels() == null || matrix.labels().size() != n) {
      throw new IllegalArgumentException("the matrix has " + n + " rows but " + (matrix.labels() == null ? 0 : matrix.labels().size())
          + " labels; it needs one label per row");
    }
    for (int i = 0; i < n; i++) {
      float[] row = matrix.scores()[i];
      if (row == null || row.length != n) {
        throw new IllegalArgumentException("row " + i + " has " + (row == null ? 0 : row.length) + " scores; a heatmap needs a square "
            + n + "x" + n + " matrix");
      }
      for (int j = 0; j < n; j++) {
        if (!Float.isFinite(row[j])) {
          throw new IllegalArgumentException("score [" + i + "][" + j + "] (" + matrix.labels().get(i) + " vs " + matrix.labels().get(j)
              + ") is " + row[j] + "; scores must be finite");
        }
      }
    }
    return n;
  }
}
