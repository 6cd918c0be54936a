package dev.embedkit.explore.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Where everything of a map goes in the picture: title, plot area, legend, caption, each point's pixel position,
 * thumbnails and labels. PNG and SVG both draw from this one layout (through {@link MapPainter}), so the two
 * formats show the same picture.
 *
 * <p>The plot keeps the map's aspect ratio (one unit of x is as long as one unit of y: distances on a projection
 * mean something) and pads the data's extent, so a map whose points all sit at one spot still draws (centred).
 */
final class MapLayout {
  /** Text sizes are for a 1600x1200 picture and scale with it (within these bounds). */
  private static final double MIN_UNIT = 0.6;
  private static final double MAX_UNIT = 2.5;
  private static final double MARGIN = 24;
  private static final double TITLE_SIZE = 26;
  private static final double CAPTION_SIZE = 15;
  private static final double LEGEND_SIZE = 15;
  private static final double LABEL_SIZE = 13;
  private static final int MAX_CAPTION_LINES = 3;
  private static final double MAX_LEGEND_WIDTH = 330;
  /** Fraction of the data's extent left blank on each side, so edge points are not cut by the frame. */
  private static final double EXTENT_PAD = 0.04;
  /** Marker radius from the plot area per point: about a tenth of each point's share of the area's side. */
  private static final double RADIUS_PER_SHARE = 0.12;
  private static final double MIN_RADIUS = 1.2;
  private static final double MAX_RADIUS = 6;
  /** Up to this many points are drawn nearly opaque; beyond it alpha drops so dense areas read as density. */
  private static final double OPAQUE_COUNT = 2000;
  private static final double MAX_ALPHA = 0.9;
  private static final double MIN_ALPHA = 0.25;
  /** With this few thumbnails, all are drawn even if they overlap. */
  static final int FEW_THUMBNAILS = 12;
  /** A thumbnail is skipped when it would cover more than this fraction of one already placed. */
  static final double MAX_THUMBNAIL_OVERLAP = 0.1;
  /** Points offered a label, per label wanted: most fail near dense areas, so offer several. */
  private static final int LABEL_CANDIDATES_PER_LABEL = 8;

  /** A line of text: what, where (baseline at y) and how. */
  record Text(String text, double x, double y, double size, boolean bold) {}

  /** A legend row: its swatch's centre, its text and its cluster's palette slot (-1: unclustered). */
  record LegendRow(double swatchX, double swatchY, int slot, Text text) {}

  /** A point's label: its box (text inside with padding) and whether it needs a leader line. */
  record Label(int point, Text text, Box box, boolean leader) {}

  /** A thumbnail: the point, its image and the box it is drawn in (border included). */
  record Thumbnail(int point, BufferedImage image, byte[] png, Box box, int slot) {}

  final int width;
  final int height;
  final double unit;
  final Text title;
  final List<Text> caption;
  final Box plot;
  final Box legend;
  final List<LegendRow> legendRows;
  final double legendSwatchRadius;
  final float[] px;
  final float[] py;
  final int[] slots;
  /** Point indices in drawing order: unclustered first, then cluster by cluster, largest first. */
  final int[] drawOrder;
  final double radius;
  final double alpha;
  final List<Thumbnail> thumbnails;
  final List<Label> labels;
  final double labelPadding;

  MapLayout(SpaceMap map, RenderOptions options) {
    MapChecks.check(map);
    width = options.width();
    height = options.height();
    unit = Math.max(MIN_UNIT, Math.min(MAX_UNIT, Math.min(width / 1600.0, height / 1200.0)));
    double margin = MARGIN * unit;
    ClusterKey key = new ClusterKey(map);

    double titleSize = TITLE_SIZE * unit;
    String titleText = oneLine(map.title() == null ? "" : map.title());
    title = new Text(Typeface.fit(titleText, titleSize, true, width - 2 * margin), margin, margin + titleSize * 0.8, titleSize, true);
    double top = titleText.isEmpty() ? margin : margin + titleSize * 1.4;

    double captionSize = CAPTION_SIZE * unit;
    List<String> lines = wrap(oneLine(map.caption() == null ? "" : map.caption()), captionSize, width - 2 * margin);
    caption = new ArrayList<>();
    double captionHeight = lines.size() * captionSize * 1.35;
    for (int i = 0; i < lines.size(); i++) {
      caption.add(new Text(lines.get(i), margin, height - margin - captionHeight + (i + 0.8) * captionSize * 1.35, captionSize, false));
    }
    double bottom = height - margin - (lines.isEmpty() ? 0 : captionHeight + captionSize * 0.6);

    double legendSize = LEGEND_SIZE * unit;
    legendSwatchRadius = legendSize * 0.4;
    legendRows = new ArrayList<>();
    double legendWidth = 0;
    if (key.hasClusters()) {
      legendWidth = Math.min(MAX_LEGEND_WIDTH * unit, width * 0.3);
      legend = new Box(width - margin - legendWidth, top, legendWidth, bottom - top);
      layoutLegend(key, legendSize);
    } else {
      legend = null;
    }
    plot = new Box(margin, top, (legend == null ? width - margin : legend.x() - margin) - margin, Math.max(1, bottom - top));

    List<MapPoint> points = map.points();
    int n = points.size();
    radius = Math.max(MIN_RADIUS, Math.min(MAX_RADIUS, RADIUS_PER_SHARE * Math.sqrt(plot.w() * plot.h() / n))) * Math.max(1, unit);
    alpha = Math.max(MIN_ALPHA, Math.min(MAX_ALPHA, MAX_ALPHA * Math.sqrt(OPAQUE_COUNT / n)));
    px = new float[n];
    py = new float[n];
    slots = new int[n];
    project(points, radius + 6 * unit);
    for (int i = 0; i < n; i++) {
      slots[i] = key.slot(points.get(i).cluster());
    }
    drawOrder = drawingOrder(slots);

    labelPadding = 3 * unit;
    thumbnails = placeThumbnails(map, options);
    labels = placeLabels(map, options);
  }

  private void layoutLegend(ClusterKey key, double size) {
    double row = size * 1.6;
    double textX = legend.x() + legendSwatchRadius * 2 + size * 0.6;
    double textWidth = legend.right() - textX;
    List<ClusterKey.Entry> entries = key.entries();
    int fit = (int) Math.floor(legend.h() / row);
    int shown = entries.size() <= fit ? entries.size() : Math.max(0, fit - 1);
    for (int i = 0; i < shown; i++) {
      ClusterKey.Entry e = entries.get(i);
      String count = " (" + String.format(java.util.Locale.ROOT, "%,d", e.size()) + ")";
      String name = Typeface.fit(oneLine(e.name()), size, false, Math.max(size, textWidth - Typeface.width(count, size, false)));
      double cy = legend.y() + row * (i + 0.5);
      legendRows.add(new LegendRow(legend.x() + legendSwatchRadius, cy, e.slot(), new Text(name + count, textX, cy + size * 0.35, size, false)));
    }
    if (shown < entries.size()) {
      double cy = legend.y() + row * (shown + 0.5);
      legendRows.add(new LegendRow(Double.NaN, cy, -1,
          new Text("\u2026 and " + (entries.size() - shown) + " more", textX, cy + size * 0.35, size, false)));
    }
  }

  /** Fits the data into the plot with equal scales on both axes, leaving inset pixels free at the edges. */
  private void project(List<MapPoint> points, double inset) {
    double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
    for (MapPoint p : points) {
      minX = Math.min(minX, p.x());
      maxX = Math.max(maxX, p.x());
      minY = Math.min(minY, p.y());
      maxY = Math.max(maxY, p.y());
    }
    double rangeX = maxX - minX;
    double rangeY = maxY - minY;
    double span = Math.max(rangeX, rangeY);
    if (span == 0) { // every point at one spot: any unit extent centres them
      span = 1;
    }
    // A degenerate axis gets the other's extent, so a line of points stays a line, centred.
    rangeX = Math.max(rangeX, span * 1e-3) * (1 + 2 * EXTENT_PAD);
    rangeY = Math.max(rangeY, span * 1e-3) * (1 + 2 * EXTENT_PAD);
    double innerW = Math.max(1, plot.w() - 2 * inset);
    double innerH = Math.max(1, plot.h() - 2 * inset);
    double scale = Math.min(innerW / rangeX, innerH / rangeY);
    double midX = (minX + maxX) / 2;
    double midY = (minY + maxY) / 2;
    for (int i = 0; i < points.size(); i++) {
      px[i] = (float) (plot.centreX() + (points.get(i).x() - midX) * scale);
      py[i] = (float) (plot.centreY() - (points.get(i).y() - midY) * scale); // y up in the data, down in pixels
    }
  }

  private static int[] drawingOrder(int[] slots) {
    int maxSlot = -1;
    for (int s : slots) {
      maxSlot = Math.max(maxSlot, s);
    }
    int[] start = new int[maxSlot + 3]; // counting sort by slot, -1 first; stable, so input order within a slot
    for (int s : slots) {
      start[s + 2]++;
    }
    for (int i = 1; i < start.length; i++) {
      start[i] += start[i - 1];
    }
    int[] order = new int[slots.length];
    for (int i = 0; i < slots.length; i++) {
      order[start[slots[i] + 1]++] = i;
    }
    return order;
  }

  private List<Thumbnail> placeThumbnails(SpaceMap map, RenderOptions options) {
    List<MapPoint> points = map.points();
    List<Integer> withThumbnail = new ArrayList<>();
    for (int i : LabelOrder.of(map, points.size())) {
      if (points.get(i).thumbnail() != null) {
        withThumbnail.add(i);
      }
    }
    boolean all = withThumbnail.size() <= FEW_THUMBNAILS;
    double side = options.thumbnailSize();
    BoxIndex placed = new BoxIndex(side);
    List<Thumbnail> result = new ArrayList<>();
    for (int i : withThumbnail) {
      if (result.size() >= options.maxThumbnails()) {
        break;
      }
      Box box = inside(Box.centredOn(px[i], py[i], side, side), plot);
      if (all || placed.maxOverlap(box) <= MAX_THUMBNAIL_OVERLAP * side * side) {
        placed.add(box);
        result.add(new Thumbnail(i, decode(points.get(i), i), points.get(i).thumbnail(), box, slots[i]));
      }
    }
    return result;
  }

  private List<Label> placeLabels(SpaceMap map, RenderOptions options) {
    if (options.maxLabels() == 0) {
      return List.of();
    }
    int[] candidates = LabelOrder.of(map, options.maxLabels() * LABEL_CANDIDATES_PER_LABEL);
    List<Box> obstacles = new ArrayList<>();
    for (Thumbnail t : thumbnails) {
      obstacles.add(t.box());
    }
    LabelPlacer placer = new LabelPlacer(plot, obstacles);
    double size = LABEL_SIZE * unit;
    double boxHeight = size * 1.3 + 2 * labelPadding;
    List<Label> result = new ArrayList<>();
    for (int i : candidates) {
      if (result.size() >= options.maxLabels()) {
        break;
      }
      String text = labelText(map.points().get(i), options.labelChars());
      if (text.isEmpty()) {
        continue;
      }
      double boxWidth = Typeface.width(text, size, false) + 2 * labelPadding;
      Optional<LabelPlacer.Placement> placement = placer.place(px[i], py[i], boxWidth, boxHeight, radius);
      if (placement.isPresent()) {
        Box box = placement.get().box();
        Text t = new Text(text, box.x() + labelPadding, box.y() + labelPadding + size * 0.95, size, false);
        result.add(new Label(i, t, box, placement.get().offset()));
      }
    }
    return result;
  }

  static String labelText(MapPoint p, int maxChars) {
    String text = oneLine(p.text() == null || p.text().isBlank() ? (p.id() == null ? "" : p.id()) : p.text());
    if (text.codePointCount(0, text.length()) <= maxChars) {
      return text;
    }
    // Trailing punctuation before the ellipsis reads as a typo ("soup.…").
    return text.substring(0, text.offsetByCodePoints(0, maxChars - 1)).replaceAll("[\\s.,;:!?]+$", "") + "\u2026";
  }

  static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** The box moved (not resized) to lie inside the bounds, when it fits. */
  private static Box inside(Box box, Box bounds) {
    double x = Math.max(bounds.x(), Math.min(box.x(), bounds.right() - box.w()));
    double y = Math.max(bounds.y(), Math.min(box.y(), bounds.bottom() - box.h()));
    return new Box(x, y, box.w(), box.h());
  }

  private static BufferedImage decode(MapPoint p, int index) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(p.thumbnail()));
      if (image == null) {
        throw new IllegalArgumentException("point " + index + " (id " + p.id() + ") has a thumbnail that does not decode");
      }
      return image;
    } catch (IOException e) {
      throw new IllegalArgumentException("point " + index + " (id " + p.id() + ") has a thumbnail that does not decode: " + e.getMessage(), e);
    }
  }

  private static List<String> wrap(String text, double size, double maxWidth) {
    List<String> lines = new ArrayList<>();
    if (text.isEmpty()) {
      return lines;
    }
    StringBuilder line = new StringBuilder();
    String[] words = text.split(" ");
    for (int w = 0; w < words.length; w++) {
      String candidate = line.isEmpty() ? words[w] : line + " " + words[w];
      if (line.isEmpty() || Typeface.width(candidate, size, false) <= maxWidth) {
        line.setLength(0);
        line.append(candidate);
      } else {
        lines.add(line.toString());
        line.setLength(0);
        line.append(words[w]);
        if (lines.size() == MAX_CAPTION_LINES - 1) { // the last line takes the rest, cut with an ellipsis
          line.append(' ').append(String.join(" ", java.util.Arrays.copyOfRange(words, w + 1, words.length)));
          break;
        }
      }
    }
    lines.add(Typeface.fit(line.toString().strip(), size, false, maxWidth));
    for (int i = 0; i < lines.size(); i++) {
      lines.set(i, Typeface.fit(lines.get(i), size, false, maxWidth));
    }
    return lines;
  }
}
