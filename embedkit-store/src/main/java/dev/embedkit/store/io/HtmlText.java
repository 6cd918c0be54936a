package dev.embedkit.store.io;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The text a reader sees in an HTML page, for embedding: what the body shows, with each block (paragraph, heading,
 * list item, table row, line break...) on a line of its own (no empty lines: the nesting of blocks does not show),
 * runs of whitespace inside a line made one space ({@code <pre>} kept as written), and nothing from scripts, styles,
 * templates, hidden elements or the head. Parsed by jsoup, as a browser would parse it (unclosed tags, entities).
 *
 * @param title the page's {@code <title>}, stripped, or null when it has none
 * @param text the visible text
 */
public record HtmlText(String title, String text) {
  private static final Set<String> INVISIBLE = Set.of("script", "style", "noscript", "template", "head", "svg",
      "math", "iframe", "object", "canvas", "select", "datalist");

  /** Reads an HTML document given as text. */
  public static HtmlText of(String html) {
    org.jsoup.nodes.Document page = Jsoup.parse(html);
    String title = page.title().strip();
    StringBuilder out = new StringBuilder();
    page.body().filter(new Collector(out));
    return new HtmlText(title.isEmpty() ? null : title, tidy(out));
  }

  /** Appends text nodes with their whitespace collapsed, and a line break around each block. */
  private record Collector(StringBuilder out) implements NodeFilter {
    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode text) {
        appendCollapsed(text.getWholeText(), inPre(text));
      } else if (node instanceof Element element) {
        if (INVISIBLE.contains(element.normalName()) || element.hasAttr("hidden")) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (element.normalName().equals("br") || element.isBlock()) {
          out.append('\n');
        }
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element element && element.isBlock()) {
        out.append('\n');
      } else if (node instanceof Element element && (element.normalName().equals("td")
          || element.normalName().equals("th"))) {
        out.append(' ');
      }
      return FilterResult.CONTINUE;
    }

    private void appendCollapsed(String text, boolean preformatted) {
      if (preformatted) {
        out.append(text);
        return;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          if (out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1))) {
            out.append(' ');
          }
        } else {
          out.append(c);
        }
      }
    }

    private static boolean inPre(Node node) {
      for (Node up = node.parent(); up != null; up = up.parent()) {
        if (up instanceof Element element && element.normalName().equals("pre")) {
          return true;
        }
      }
      return false;
    }
  }

  /** Lines stripped of spaces at their ends, empty lines dropped: one line break between blocks, however nested. */
  private static String tidy(CharSequence collected) {
    StringBuilder out = new StringBuilder(collected.length());
    for (String line : collected.toString().split("\n")) {
      String stripped = line.strip();
      if (!stripped.isEmpty()) {
        out.append(out.length() > 0 ? "\n" : "").append(stripped);
      }
    }
    return out.toString();
  }
}
