package dev.embedkit.explore.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.Select;

/** The interactive map in real headless Chromium: it loads cleanly, and hover, search, colouring and zoom work. */
class HtmlMapWriterTest {
  private static HeadlessChromium browser;
  private static final SpaceMap MAP = withLonePoint(SyntheticMaps.clustered(500, 5, 0.05, 21));

  @TempDir static Path dir;

  @BeforeAll
  static void startBrowser() {
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void openMap() throws IOException {
    Path page = dir.resolve("map.html");
    Files.writeString(page, new HtmlMapWriter().html(MAP), StandardCharsets.UTF_8);
    browser.open(page);
    browser.consoleErrors(); // only what this test does counts
  }

  @Test
  void pageLoadsWithoutErrorsAndHoldsOnePointPerInput() {
    assertEquals(MAP.points().size(), ((Number) browser.js("return window.embedkitMap.points")).intValue());
    assertEquals(List.of(), browser.js("return window.embedkitErrors"));
    assertEquals(List.of(), browser.consoleErrors());
    assertEquals(MAP.caption(), browser.driver().findElement(By.id("caption")).getText());
    // One legend entry per cluster, plus the unclustered points.
    assertEquals(MAP.clusters().size() + 1, browser.driver().findElements(By.cssSelector("#legend .entry")).size());
  }

  @Test
  void thePageReferencesNothingOutsideItself() {
    String html = new HtmlMapWriter().html(SyntheticMaps.withThumbnails(SyntheticMaps.clustered(20, 2, 0, 4), i -> Color.BLUE));
    assertFalse(html.contains("http:") || html.contains("https:") || html.contains("//cdn"), "no URL to fetch");
    assertFalse(java.util.regex.Pattern.compile("(src|href)\\s*=\\s*[\"'](?!data:)|url\\(|@import").matcher(html).find(), "no external resource");
    assertEquals(3, html.split("<script").length - 1, "the error catcher, the data and the map's own script");
  }

  @Test
  void hoveringAPointShowsItsTextInTheTooltip() {
    Map<?, ?> at = (Map<?, ?>) browser.js("return window.embedkitMap.screenPosition(0)");
    int x = (int) Math.round(((Number) at.get("x")).doubleValue());
    int y = (int) Math.round(((Number) at.get("y")).doubleValue());
    new Actions(browser.driver()).moveToLocation(x, y).perform();

    assertEquals(0L, browser.js("return window.embedkitMap.hovered"), "the lone point 0 is under the mouse");
    WebElement tooltip = browser.driver().findElement(By.id("tooltip"));
    assertTrue(tooltip.isDisplayed());
    assertEquals(MAP.points().get(0).text(), browser.driver().findElement(By.id("tooltip-text")).getText());
  }

  @Test
  void hoveringInsideAClusterShowsTheNearestPointsText() {
    int target = MAP.clusters().get(0).central().get(0);
    Map<?, ?> at = (Map<?, ?>) browser.js("return window.embedkitMap.screenPosition(arguments[0])", target);
    new Actions(browser.driver()).moveToLocation((int) Math.round(((Number) at.get("x")).doubleValue()),
        (int) Math.round(((Number) at.get("y")).doubleValue())).perform();

    int hovered = ((Number) browser.js("return window.embedkitMap.hovered")).intValue();
    assertTrue(hovered >= 0, "a point is hovered");
    Map<?, ?> hoveredAt = (Map<?, ?>) browser.js("return window.embedkitMap.screenPosition(arguments[0])", hovered);
    double distance = Math.hypot(((Number) hoveredAt.get("x")).doubleValue() - ((Number) at.get("x")).doubleValue(),
        ((Number) hoveredAt.get("y")).doubleValue() - ((Number) at.get("y")).doubleValue());
    assertTrue(distance <= 1.5, "the hovered point is the one under the mouse (or one drawn on it); distance " + distance);
    assertEquals(MAP.points().get(hovered).text(), browser.driver().findElement(By.id("tooltip-text")).getText());
  }

  @Test
  void searchHighlightsThePointsWhoseTextContainsTheQuery() {
    WebElement search = browser.driver().findElement(By.id("search"));
    for (String query : List.of("SOCCER", "the ")) {
      search.clear();
      search.sendKeys(query);
      long expected = MAP.points().stream().filter(p -> p.text().toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT))).count();
      assertTrue(expected > 0 && expected < MAP.points().size(), "the query " + query + " must split the points");
      assertEquals(expected, browser.js("return window.embedkitMap.matches"), query);
      List<?> matching = (List<?>) browser.js("return window.embedkitMap.matchingPoints()");
      for (Object i : matching) {
        assertTrue(MAP.points().get(((Number) i).intValue()).text().toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT)));
      }
      assertTrue(browser.driver().findElement(By.id("match-count")).getText().startsWith(Long.toString(expected)));
    }
    assertEquals(List.of(), browser.consoleErrors());
  }

  @Test
  void colouringByAMetadataFieldGivesOneColourPerValue() {
    new Select(browser.driver().findElement(By.id("colour-by"))).selectByValue("genre");
    assertEquals("genre", browser.js("return window.embedkitMap.colourBy"));
    Map<String, String> colourOfGenre = new HashMap<>();
    List<?> colours = (List<?>) browser.js("var m = window.embedkitMap, c = []; for (var i = 0; i < m.points; i++) c.push(m.colourOf(i)); return c;");
    for (int i = 0; i < MAP.points().size(); i++) {
      String genre = (String) MAP.points().get(i).metadata().get("genre");
      String previous = colourOfGenre.putIfAbsent(genre, (String) colours.get(i));
      assertTrue(previous == null || previous.equals(colours.get(i)), "point " + i + " of genre " + genre + " has another colour");
    }
    assertEquals(SyntheticMaps.GENRES.length, colourOfGenre.size());
    assertEquals(SyntheticMaps.GENRES.length, new java.util.HashSet<>(colourOfGenre.values()).size(), "genres get distinct colours");
    List<String> legend = browser.driver().findElements(By.cssSelector("#legend .entry .name")).stream().map(WebElement::getText).toList();
    assertTrue(legend.containsAll(List.of(SyntheticMaps.GENRES)), legend.toString());

    new Select(browser.driver().findElement(By.id("colour-by"))).selectByValue("length");
    assertEquals(1, browser.driver().findElements(By.cssSelector("#legend .gradient")).size(), "a number field shows a gradient");
    assertEquals(List.of(), browser.consoleErrors());
  }

  @Test
  void zoomButtonsWheelAndDragChangeTheView() {
    double scale = viewValue("scale");
    browser.driver().findElement(By.id("zoom-in")).click();
    assertEquals(scale * 1.5, viewValue("scale"), scale * 1e-6);

    WebElement canvas = browser.driver().findElement(By.id("map"));
    double before = viewValue("scale");
    new Actions(browser.driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(canvas), 0, -300).perform();
    assertTrue(viewValue("scale") > before, "wheeling up zooms in");

    double cx = viewValue("cx");
    new Actions(browser.driver()).moveToElement(canvas).clickAndHold().moveByOffset(120, 0).release().perform();
    assertTrue(viewValue("cx") < cx, "dragging right moves the view left");

    browser.driver().findElement(By.id("zoom-reset")).click();
    assertEquals(scale, viewValue("scale"), scale * 1e-6);
    assertEquals(List.of(), browser.consoleErrors());
  }

  @Test
  void clickingALegendEntryHidesItsCluster() {
    int cluster = MAP.clusters().get(0).id();
    browser.driver().findElement(By.cssSelector("#legend .entry[data-cluster='" + cluster + "']")).click();
    assertEquals(List.of((long) cluster), browser.js("return window.embedkitMap.hiddenClusters"));
    // A hidden cluster's points no longer answer hover.
    int member = MAP.clusters().get(0).central().get(0);
    Map<?, ?> at = (Map<?, ?>) browser.js("return window.embedkitMap.screenPosition(arguments[0])", member);
    Number hovered = (Number) browser.js("return window.embedkitMap.hoverAt(arguments[0], arguments[1])", at.get("x"), at.get("y"));
    assertTrue(hovered.intValue() < 0 || MAP.points().get(hovered.intValue()).cluster() != cluster);
  }

  @Test
  void textThatLooksLikeMarkupStaysText() throws IOException {
    String nasty = "</script><script>window.pwned = 1</script> <!-- \u2028 & \"quoted\" \u2029 end";
    List<MapPoint> points = new ArrayList<>(MAP.points());
    points.set(0, new MapPoint(points.get(0).x(), points.get(0).y(), -1, "nasty", nasty, Map.of("note", "</b>"), null));
    SpaceMap map = new SpaceMap("<b>title</b> & more", "</footer>", "pca", points, MAP.clusters());
    Path page = dir.resolve("nasty.html");
    Files.writeString(page, new HtmlMapWriter().html(map), StandardCharsets.UTF_8);
    browser.open(page);

    assertEquals(List.of(), browser.js("return window.embedkitErrors"));
    assertEquals(null, browser.js("return window.pwned === undefined ? null : window.pwned"));
    assertEquals(nasty, browser.js("return JSON.parse(document.getElementById('embedkit-data').textContent).text[0]"));
    assertEquals("<b>title</b> & more", browser.driver().getTitle());
  }

  @Test
  void thumbnailsShowInTheTooltip() throws IOException {
    SpaceMap images = SyntheticMaps.withThumbnails(SyntheticMaps.clustered(30, 3, 0, 5), i -> Color.RED);
    Path page = dir.resolve("images.html");
    Files.writeString(page, new HtmlMapWriter().html(images), StandardCharsets.UTF_8);
    browser.open(page);
    Map<?, ?> at = (Map<?, ?>) browser.js("return window.embedkitMap.screenPosition(3)");
    int hovered = ((Number) browser.js("return window.embedkitMap.hoverAt(arguments[0], arguments[1])", at.get("x"), at.get("y"))).intValue();
    assertTrue(hovered >= 0);
    WebElement image = browser.driver().findElement(By.id("tooltip-image"));
    assertTrue(image.isDisplayed());
    assertTrue(image.getAttribute("src").startsWith("data:image/png;base64,"));
    assertTrue(((Number) browser.js("return arguments[0].naturalWidth", image)).intValue() > 0 || waitDecoded(image), "the image decodes");
  }

  @Test
  void aHundredThousandPointsLoadQuickly() throws IOException {
    SpaceMap big = SyntheticMaps.clustered(100_000, 6, 0.1, 99);
    long written = System.nanoTime();
    Path page = dir.resolve("big.html");
    Files.writeString(page, new HtmlMapWriter().html(big), StandardCharsets.UTF_8);
    double writeSeconds = (System.nanoTime() - written) / 1e9;
    long start = System.nanoTime();
    browser.open(page);
    browser.waitUntil("return window.embedkitMap.drawn()");
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "HTML map, 100,000 points: written in %.2f s (%.1f MB), loaded and drawn in %.2f s%n", writeSeconds,
        Files.size(page) / 1e6, loadSeconds);
    assertEquals(100_000L, browser.js("return window.embedkitMap.points"));
    assertEquals(List.of(), browser.js("return window.embedkitErrors"));
    // Shared CI machines are slow; a page this size that takes longer has a real problem.
    assertTrue(loadSeconds < 15, "loading took " + loadSeconds + " s");

    double hoverMillis = ((Number) browser.js("var t = performance.now();"
        + " for (var i = 0; i < 200; i++) window.embedkitMap.hoverAt(200 + 3 * i, 300 + i);"
        + " return (performance.now() - t) / 200;")).doubleValue();
    System.out.printf(Locale.ROOT, "HTML map, 100,000 points: a hover takes %.2f ms in the page%n", hoverMillis);
    assertTrue(hoverMillis < 50, "hover must keep up with the mouse; it took " + hoverMillis + " ms");
    assertNotEquals(-1L, browser.js("return window.embedkitMap.hoverAt(arguments[0].x, arguments[0].y)",
        browser.js("return window.embedkitMap.screenPosition(12345)")));
    assertFalse(browser.consoleErrors().stream().anyMatch(e -> !e.isEmpty()));
  }

  private static double viewValue(String key) {
    return ((Number) browser.js("return window.embedkitMap.view[arguments[0]]", key)).doubleValue();
  }

  private static boolean waitDecoded(WebElement image) {
    return (Boolean) browser.driver().executeAsyncScript(
        "var img = arguments[0], done = arguments[arguments.length - 1]; img.decode().then(function () { done(img.naturalWidth > 0); }, function () { done(false); });",
        image);
  }

  /** The map with point 0 moved far from the others, so the mouse on it can only mean it. */
  private static SpaceMap withLonePoint(SpaceMap map) {
    List<MapPoint> points = new ArrayList<>(map.points());
    MapPoint p = points.get(0);
    points.set(0, new MapPoint(30f, 30f, p.cluster(), p.id(), "The lone point far from the rest.", p.metadata(), null));
    return new SpaceMap(map.title(), map.caption(), map.method(), points, map.clusters());
  }
}
