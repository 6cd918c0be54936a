package dev.embedkit.explore.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a map as one self-contained interactive HTML page: the points as JSON inside the page, drawn on a canvas by
 * hand-written JavaScript (zoom, pan, hover tooltips with thumbnails, colour by cluster or a metadata field, a
 * clickable legend, search-as-you-type). It loads nothing from the network, so it opens offline and from e-mail.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("map.html"))) {
 *   new HtmlMapWriter().write(map, out);
 * }
 * }</pre>
 *
 * <p>The page's template, script and style are resources beside this class (map.html, map.js, map.css).
 */
public final class HtmlMapWriter {
  private static final String TEMPLATE = resource("map.html");
  private static final String SCRIPT = resource("map.js");
  private static final String STYLE = resource("map.css") + "\n" + resource("map-parts.css");
  private static final Pattern TOKEN = Pattern.compile("\\{\\{(TITLE|STYLE|SCRIPT|DATA)\\}\\}");
  private static final ObjectMapper JSON = new ObjectMapper();

  public void write(SpaceMap map, OutputStream out) {
    try {
      out.write(html(map).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the HTML map", e);
    }
  }

  /** The page. */
  public String html(SpaceMap map) {
    MapChecks.check(map);
    Map<String, String> values = Map.of(
        "TITLE", escapeHtml(map.title() == null || map.title().isBlank() ? "embedkit map" : map.title()),
        "STYLE", STYLE,
        "SCRIPT", SCRIPT,
        "DATA", scriptSafe(json(map)));
    // One pass, so a title or text that contains a token is never itself replaced.
    Matcher m = TOKEN.matcher(TEMPLATE);
    StringBuilder page = new StringBuilder(TEMPLATE.length() + values.get("DATA").length() + SCRIPT.length());
    while (m.find()) {
      m.appendReplacement(page, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(page);
    return page.toString();
  }

  /**
   * The page's data as JSON, column by column (one array per attribute is far smaller than an object per point):
   * what map.js's {@code EmbedkitMap.mount(data)} draws. The server's web page gets the same from
   * {@code GET /collections/NAME/map?format=page}.
   */
  public static String pageData(SpaceMap map) {
    MapChecks.check(map);
    return json(map);
  }

  static String json(SpaceMap map) {
    List<MapPoint> points = map.points();
    int n = points.size();
    ClusterKey key = new ClusterKey(map);
    float[] xs = new float[n];
    float[] ys = new float[n];
    int[] clusters = new int[n];
    List<String> texts = new ArrayList<>(n);
    List<String> ids = new ArrayList<>(n);
    Map<String, String> thumbnails = new TreeMap<>();
    TreeSet<String> fieldNames = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      MapPoint p = points.get(i);
      xs[i] = p.x();
      ys[i] = p.y();
      clusters[i] = p.cluster();
      texts.add(p.text() == null ? "" : p.text());
      ids.add(p.id() == null ? "" : p.id());
      fieldNames.addAll(p.metadata().keySet());
      if (p.thumbnail() != null) {
        thumbnails.put(Integer.toString(i), Base64.getEncoder().encodeToString(p.thumbnail()));
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("title", map.title() == null ? "" : map.title());
    data.put("caption", map.caption() == null ? "" : map.caption());
    data.put("method", map.method() == null ? "" : map.method());
    data.put("x", xs);
    data.put("y", ys);
    data.put("cluster", clusters);
    data.put("text", texts);
    data.put("id", ids);
    data.put("clusters", legend(key));
    data.put("fields", fields(points, fieldNames));
    data.put("thumbnails", thumbnails);
    data.put("palette", Palette.CATEGORICAL.stream().map(Palette::hex).toList());
    data.put("unclustered", Palette.hex(Palette.UNCLUSTERED));
    data.put("gradient", Palette.viridisHex());
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise the map's data", e);
    }
  }

  private static List<Map<String, Object>> legend(ClusterKey key) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (ClusterKey.Entry e : key.entries()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", e.id());
      entry.put("name", e.name());
      entry.put("size", e.size());
      entry.put("colour", Palette.hex(Palette.clusterShade(e.slot())));
      entries.add(entry);
    }
    return entries;
  }

  /**
   * Each metadata field as a column: numeric when every present value is a number (coloured by a gradient), else
   * text (categorical colours); a missing value is null.
   */
  private static Map<String, Object> fields(List<MapPoint> points, TreeSet<String> names) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String name : names) {
      boolean numeric = points.stream().map(p -> p.metadata().get(name)).allMatch(v -> v == null || v instanceof Number);
      List<Object> column = new ArrayList<>(points.size());
      for (MapPoint p : points) {
        Object v = p.metadata().get(name);
        column.add(v == null ? null : numeric ? finiteOrNull(((Number) v).doubleValue()) : String.valueOf(v));
      }
      Map<String, Object> field = new LinkedHashMap<>(); // not Map.of: its order changes between runs
      field.put("type", numeric ? "number" : "text");
      field.put("values", column);
      fields.put(name, field);
    }
    return fields;
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null; // JSON has no NaN; a NaN field value shows as missing
  }

  /**
   * JSON that can sit inside a script element: "<", ">" and "&" only occur inside JSON strings, where their
   * \\u escapes mean the same, so "</script>" and "<!--" cannot end or confuse the element. U+2028/2029 are
   * escaped too, for older JavaScript parsers that treat them as line ends.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlMapWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing beside " + HtmlMapWriter.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read resource " + name, e);
    }
  }
}
