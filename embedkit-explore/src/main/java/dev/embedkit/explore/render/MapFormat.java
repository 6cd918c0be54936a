package dev.embedkit.explore.render;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The picture formats a map is written in, chosen by the output's extension.
 *
 * <pre>{@code
 * Path out = Path.of("stsb-map.html");
 * try (OutputStream stream = Files.newOutputStream(out)) {
 *   MapFormat.fromPath(out).write(map, stream);
 * }
 * }</pre>
 */
public enum MapFormat {
  /** A raster scatter plot ({@link PngMapWriter}). */
  PNG {
    @Override
    public void write(SpaceMap map, RenderOptions options, OutputStream out) {
      new PngMapWriter(options).write(map, out);
    }
  },
  /** The same picture as vector text ({@link SvgMapWriter}). */
  SVG {
    @Override
    public void write(SpaceMap map, RenderOptions options, OutputStream out) {
      new SvgMapWriter(options).write(map, out);
    }
  },
  /** An interactive page ({@link HtmlMapWriter}); it fits the browser window, so the options' size is not used. */
  HTML {
    @Override
    public void write(SpaceMap map, RenderOptions options, OutputStream out) {
      new HtmlMapWriter().write(map, out);
    }
  };

  /**
   * The format for this path's extension (case-insensitive); an unknown or missing one fails with invalid input
   * naming the valid extensions.
   */
  public static MapFormat fromPath(Path path) {
    return Extensions.choose(path, MapFormat.class, "map");
  }

  /** Writes the map with the default options ({@link RenderOptions#DEFAULT}). */
  public void write(SpaceMap map, OutputStream out) {
    write(map, RenderOptions.DEFAULT, out);
  }

  /**
   * Writes the map; a map with no points or a non-finite coordinate fails with IllegalArgumentException before
   * anything is written.
   */
  public abstract void write(SpaceMap map, RenderOptions options, OutputStream out);
}
