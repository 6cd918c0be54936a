package dev.embedkit.explore.render;

import java.io.OutputStream;
import java.nio.file.Path;

/** The picture formats a map is written in, chosen by the output's extension. STUB: the render helper implements. */
public enum MapFormat {
  PNG,
  SVG,
  HTML;

  /** The format for this path's extension; an unknown one fails with the valid extensions. */
  public static MapFormat fromPath(Path path) {
    throw new UnsupportedOperationException("stub");
  }

  public void write(SpaceMap map, OutputStream out) {
    throw new UnsupportedOperationException("stub");
  }
}
