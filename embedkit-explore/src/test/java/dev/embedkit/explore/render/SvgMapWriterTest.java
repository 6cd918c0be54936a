package dev.embedkit.explore.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgMapWriterTest {
  @Test
  void theSvgParsesWithTheRequestedSizeAndOneMarkerPerPoint() throws Exception {
    SpaceMap map = SyntheticMaps.clustered(400, 5, 0.1, 15);
    RenderOptions options = RenderOptions.DEFAULT.withSize(1200, 900);
    Document svg = parse(new SvgMapWriter(options).svg(map));
    Element root = svg.getDocumentElement();
    assertEquals("svg", root.getTagName());
    assertEquals("1200", root.getAttribute("width"));
    assertEquals("900", root.getAttribute("height"));
    MapLayout layout = new MapLayout(map, options);
    String r = SvgSurface.num(layout.radius);
    NodeList circles = svg.getElementsByTagName("circle");
    int points = 0;
    for (int i = 0; i < circles.getLength(); i++) {
      points += r.equals(((Element) circles.item(i)).getAttribute("r")) ? 1 : 0;
    }
    // Five clusters are all circles: one per point, and labelled points once more, opaque, on top.
    assertEquals(map.points().size() + layout.labels.size(), points);
  }

  @Test
  void theLegendNamesEveryClusterWithItsSize() throws Exception {
    SpaceMap map = SyntheticMaps.clustered(400, 5, 0.1, 16);
    List<String> texts = texts(parse(new SvgMapWriter(RenderOptions.DEFAULT).svg(map)));
    for (MapCluster c : map.clusters()) {
      assertTrue(texts.contains(c.name() + " (" + c.size() + ")"), c.name() + " missing from " + texts);
    }
    assertTrue(texts.stream().anyMatch(t -> t.startsWith("unclustered (")));
    assertTrue(texts.contains(map.title()));
  }

  @Test
  void textsWithMarkupAndControlCharactersStayWellFormed() throws Exception {
    List<MapPoint> points = new ArrayList<>(SyntheticMaps.clustered(30, 2, 0, 17).points());
    String nasty = "<b>Tom & \"Jerry\"</b> \u0001 \uD800 'quoted'";
    points.set(0, new MapPoint(points.get(0).x(), points.get(0).y(), 0, "n", nasty, Map.of(), null));
    SpaceMap map = new SpaceMap("A < B & C", "caption > \"x\"", "pca", points,
        List.of(new MapCluster(0, "<script>", List.of(), 15, List.of(0)), new MapCluster(1, "b&c", List.of(), 15, List.of(1))));
    List<String> texts = texts(parse(new SvgMapWriter(RenderOptions.DEFAULT).svg(map)));
    assertTrue(texts.contains("A < B & C"));
    assertTrue(texts.contains("<script> (15)"));
    assertTrue(texts.contains("<b>Tom & \"Jerry\"</b> \uFFFD \uFFFD 'quoted'"), texts.toString());
  }

  @Test
  void theSameMapGivesTheSameBytes() {
    SpaceMap map = SyntheticMaps.withThumbnails(SyntheticMaps.clustered(200, 4, 0.2, 18), i -> java.awt.Color.CYAN);
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    new SvgMapWriter(RenderOptions.DEFAULT).write(map, a);
    new SvgMapWriter(RenderOptions.DEFAULT).write(map, b);
    assertEquals(a.toString(StandardCharsets.UTF_8), b.toString(StandardCharsets.UTF_8));
  }

  @Test
  void labelsAreTheSameAsInThePng() throws Exception {
    SpaceMap map = SyntheticMaps.clustered(1000, 6, 0.1, 19);
    MapLayout layout = new MapLayout(map, RenderOptions.DEFAULT);
    List<String> texts = texts(parse(new SvgMapWriter(RenderOptions.DEFAULT).svg(map)));
    for (MapLayout.Label label : layout.labels) {
      assertTrue(texts.contains(label.text().text()), label.text().text());
    }
  }

  @Test
  void aHundredThousandPointsWriteQuickly() throws Exception {
    SpaceMap map = SyntheticMaps.clustered(100_000, 6, 0.1, 20);
    long start = System.nanoTime();
    String svg = new SvgMapWriter(RenderOptions.DEFAULT).svg(map);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "SVG map, 100,000 points: written in %.2f s (%.1f MB)%n", seconds, svg.length() / 1e6);
    assertTrue(seconds < 30, "writing took " + seconds + " s");
    assertEquals("1600", parse(svg).getDocumentElement().getAttribute("width"));
  }

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> texts(Document svg) {
    NodeList nodes = svg.getElementsByTagName("text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }
}
