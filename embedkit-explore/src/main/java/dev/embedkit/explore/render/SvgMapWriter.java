package dev.embedkit.explore.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a map as SVG: the same layout as {@link PngMapWriter}, as text (labels and legend stay searchable and
 * selectable). The same map gives the same bytes.
 *
 * <pre>{@code
 * new SvgMapWriter(RenderOptions.DEFAULT).write(map, out);
 * }</pre>
 */
public final class SvgMapWriter {
  private final RenderOptions options;

  public SvgMapWriter(RenderOptions options) {
    this.options = options;
  }

  public void write(SpaceMap map, OutputStream out) {
    try {
      out.write(svg(map).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the SVG map", e);
    }
  }

  /** The SVG document. */
  public String svg(SpaceMap map) {
    Headless.ensure();
    MapLayout layout = new MapLayout(map, options);
    SvgSurface surface = new SvgSurface(layout.width, layout.height, map.title());
    new MapPainter(layout).paint(surface);
    return surface.finish();
  }
}
