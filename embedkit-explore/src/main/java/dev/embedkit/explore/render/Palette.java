package dev.embedkit.explore.render;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * Colours for clusters and for values.
 *
 * <p>Clusters use the Okabe-Ito palette (designed to stay distinct for the common colour-vision deficiencies), with
 * yellow last because it is faint on white. After eight clusters the colours repeat with the next {@link Marker}
 * shape, so slot 8 is a blue square. Unclustered points are light grey and drawn first, under everything.
 *
 * <p>Values (heatmap cells, numeric fields in the HTML map) use viridis: perceptually uniform, its lightness rising
 * steadily from dark purple (low) to yellow (high), and readable in greyscale.
 */
final class Palette {
  static final Color UNCLUSTERED = new Color(0xBB, 0xBB, 0xBB);
  static final Color TEXT = new Color(0x22, 0x22, 0x22);
  static final Color MUTED_TEXT = new Color(0x55, 0x55, 0x55);
  static final Color FRAME = new Color(0xDD, 0xDD, 0xDD);

  static final List<Color> CATEGORICAL = List.of(
      new Color(0x0072B2), // blue
      new Color(0xE69F00), // orange
      new Color(0x009E73), // bluish green
      new Color(0xD55E00), // vermillion
      new Color(0xCC79A7), // reddish purple
      new Color(0x56B4E9), // sky blue
      new Color(0x000000), // black
      new Color(0xE2CF2B)); // yellow, a shade darker than Okabe-Ito's F0E442 so it shows on white

  /** Viridis sampled at 0, 0.1, ..., 1 (matplotlib's table); between samples the colour is interpolated. */
  private static final int[] VIRIDIS = {
    0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725
  };

  private Palette() {}

  /** The colour of a cluster's palette slot (its rank among the map's clusters). */
  static Color cluster(int slot) {
    return slot < 0 ? UNCLUSTERED : CATEGORICAL.get(slot % CATEGORICAL.size());
  }

  /** The marker of a cluster's palette slot; unclustered points are circles. */
  static Marker marker(int slot) {
    Marker[] shapes = Marker.values();
    return slot < 0 ? Marker.CIRCLE : shapes[(slot / CATEGORICAL.size()) % shapes.length];
  }

  /**
   * The HTML map's colour for a cluster slot: the palette's colour, lighter on each further round through it (the
   * canvas draws squares, so the PNG's marker shapes are not available there).
   */
  static Color clusterShade(int slot) {
    if (slot < 0) {
      return UNCLUSTERED;
    }
    Color base = cluster(slot);
    double towardsWhite = Math.min(0.6, 0.3 * (slot / CATEGORICAL.size()));
    return new Color(mix(base.getRed(), 255, towardsWhite), mix(base.getGreen(), 255, towardsWhite), mix(base.getBlue(), 255, towardsWhite));
  }

  /** Viridis at t in [0, 1] (clamped). */
  static Color viridis(double t) {
    double clamped = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
    double scaled = clamped * (VIRIDIS.length - 1);
    int i = Math.min((int) scaled, VIRIDIS.length - 2);
    double f = scaled - i;
    Color a = new Color(VIRIDIS[i]);
    Color b = new Color(VIRIDIS[i + 1]);
    return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
  }

  /** Viridis' samples as #rrggbb, for the HTML map's numeric gradient. */
  static List<String> viridisHex() {
    return java.util.Arrays.stream(VIRIDIS).mapToObj(rgb -> hex(new Color(rgb))).toList();
  }

  /** Relative luminance (WCAG), 0 black to 1 white. */
  static double luminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
  }

  /** Black or white, whichever contrasts more with the background. */
  static Color textOn(Color background) {
    // 0.179 is where black and white have equal WCAG contrast ratios against the background.
    return luminance(background) > 0.179 ? Color.BLACK : Color.WHITE;
  }

  static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  static Color withAlpha(Color c, double alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(alpha * 255));
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
