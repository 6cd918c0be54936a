package dev.embedkit.server.web;

import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web page for people at {@code /}: a single-page application of plain JavaScript modules (no library, no
 * bundler, nothing fetched from the network), read once from this jar's resources ({@code dev/embedkit/server/web/})
 * and from embedkit-explore's (the map's script and style, the same files its standalone HTML maps inline).
 *
 * <p>Every asset is answered from memory with a strong ETag ({@code 304} when unchanged) and
 * {@code Cache-Control: no-cache}, so a warm browser revalidates instead of downloading, and a new server version is
 * seen at once. The page's own requests go to the public APIs (OpenAI, TEI, collections) and
 * {@code /embedkit/models}; a Content-Security-Policy allows nothing but this origin (and data:/blob: images for
 * dropped pictures and thumbnails). The page and its assets need no API key: they hold no data, and the page asks for
 * the key when an API answers 401.
 */
public final class WebPage {
  /** URL prefix of the assets. */
  public static final String PREFIX = "/ui/";

  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
      + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final String OWN = "dev/embedkit/server/web/";
  private static final String EXPLORE = "dev/embedkit/explore/render/";

  private record Asset(byte[] bytes, String contentType, String etag) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  /** Reads every asset; a missing one is a packaging fault, reported at start rather than as a broken page. */
  public WebPage() {
    add("/", OWN + "index.html");
    for (String file : new String[] {"app.css", "app.js", "api.js", "ui.js", "heatmap.js", "snippets.js",
        "views/collections.js", "views/playground.js", "views/search.js", "views/map.js", "views/models.js"}) {
      add(PREFIX + file, OWN + file);
    }
    add(PREFIX + "embedkit-map.js", EXPLORE + "map.js");
    add(PREFIX + "map-parts.css", EXPLORE + "map-parts.css");
  }

  public void routes(RoutesConfig routes) {
    routes.get("/", this::serve);
    routes.get(PREFIX + "<path>", this::serve);
  }

  /** Whether a request is for the page or one of its assets (these need no API key). */
  public static boolean isPage(String method, String path) {
    return (method.equals("GET") || method.equals("HEAD")) && (path.equals("/") || path.startsWith(PREFIX));
  }

  private void serve(Context ctx) {
    Asset asset = assets.get(ctx.path());
    if (asset == null) {
      throw new ServerException(Problem.NO_ROUTE, "no page asset " + ctx.path() + "; the web page is at /", null);
    }
    ctx.header("ETag", asset.etag());
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    if (ctx.path().equals("/")) {
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("X-Frame-Options", "DENY");
    }
    if (asset.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(asset.contentType()).result(asset.bytes());
  }

  private void add(String path, String resource) {
    byte[] bytes;
    try (InputStream in = WebPage.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the web page's resource " + resource + " is missing from the class path");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the web page's resource " + resource, e);
    }
    assets.put(path, new Asset(bytes, contentType(resource), etag(bytes)));
  }

  private static String contentType(String resource) {
    if (resource.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (resource.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (resource.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    throw new IllegalArgumentException("no content type for " + resource);
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
