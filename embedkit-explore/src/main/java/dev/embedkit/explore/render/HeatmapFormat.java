package dev.embedkit.explore.render;

import java.io.OutputStream;
import java.nio.file.Path;

/** The formats a heatmap is written in. STUB: the render helper implements. */
public enum HeatmapFormat {
  PNG,
  SVG;

  public static HeatmapFormat fromPath(Path path) {
    throw new UnsupportedOperationException("stub");
  }

  public void write(SimilarityMatrix matrix, OutputStream out) {
    throw new UnsupportedOperationException("stub");
  }
}
