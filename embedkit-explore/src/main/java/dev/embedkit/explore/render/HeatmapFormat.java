package dev.embedkit.explore.render;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The formats a heatmap is written in, chosen by the output's extension.
 *
 * <pre>{@code
 * HeatmapFormat.fromPath(Path.of("similarities.svg")).write(matrix, out);
 * }</pre>
 */
public enum HeatmapFormat {
  PNG {
    @Override
    public void write(SimilarityMatrix matrix, OutputStream out) {
      new HeatmapWriter().writePng(matrix, out);
    }
  },
  SVG {
    @Override
    public void write(SimilarityMatrix matrix, OutputStream out) {
      new HeatmapWriter().writeSvg(matrix, out);
    }
  };

  /** The format for this path's extension (case-insensitive); an unknown or missing one fails naming the valid ones. */
  public static HeatmapFormat fromPath(Path path) {
    return Extensions.choose(path, HeatmapFormat.class, "heatmap");
  }

  /** Writes the matrix as a heatmap; a matrix that is not square or holds a non-finite score fails first. */
  public abstract void write(SimilarityMatrix matrix, OutputStream out);
}
