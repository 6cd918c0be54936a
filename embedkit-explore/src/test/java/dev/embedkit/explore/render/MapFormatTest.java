package dev.embedkit.explore.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MapFormatTest {
  @Test
  void formatsAreChosenByExtensionIgnoringCase() {
    assertEquals(MapFormat.PNG, MapFormat.fromPath(Path.of("out/map.PNG")));
    assertEquals(MapFormat.SVG, MapFormat.fromPath(Path.of("map.svg")));
    assertEquals(MapFormat.HTML, MapFormat.fromPath(Path.of("/tmp/a.b/map.Html")));
    assertEquals(HeatmapFormat.PNG, HeatmapFormat.fromPath(Path.of("h.png")));
    assertEquals(HeatmapFormat.SVG, HeatmapFormat.fromPath(Path.of("h.SVG")));
  }

  @Test
  void anUnknownExtensionNamesItAndTheValidOnes() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> MapFormat.fromPath(Path.of("map.jpeg")));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains(".jpeg"), e.getMessage());
    assertTrue(e.getMessage().contains(".png, .svg, .html"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());

    EmbedkitException heatmap = assertThrows(EmbedkitException.class, () -> HeatmapFormat.fromPath(Path.of("h.html")));
    assertTrue(heatmap.getMessage().contains(".html") && heatmap.getMessage().contains(".png, .svg"), heatmap.getMessage());
  }

  @Test
  void aMissingExtensionIsRefused() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> MapFormat.fromPath(Path.of("a.dir/map")));
    assertTrue(e.getMessage().contains("no extension"), e.getMessage());
  }

  @Test
  void eachFormatWritesItsOwnKindOfFile() {
    SpaceMap map = SyntheticMaps.clustered(50, 3, 0, 1);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    MapFormat.PNG.write(map, png);
    assertEquals("PNG", new String(png.toByteArray(), 1, 3, StandardCharsets.US_ASCII));
    ByteArrayOutputStream svg = new ByteArrayOutputStream();
    MapFormat.SVG.write(map, svg);
    assertTrue(svg.toString(StandardCharsets.UTF_8).contains("<svg "));
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    MapFormat.HTML.write(map, html);
    assertTrue(html.toString(StandardCharsets.UTF_8).startsWith("<!DOCTYPE html>"));
  }
}
