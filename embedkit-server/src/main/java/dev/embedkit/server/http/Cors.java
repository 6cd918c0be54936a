package dev.embedkit.server.http;

import io.javalin.http.Context;
import java.util.List;

/**
 * Cross-origin access for browsers: off unless origins are configured ({@code --cors-origin}); {@code *} allows
 * any origin. Preflight requests are answered here, before the key is checked (browsers never send keys on them).
 */
public final class Cors {
  static final String EXPOSED = "X-Request-Id, X-Truncated-Inputs, Retry-After";
  /** The methods a preflight allows: the collections and Qdrant APIs take PUT and DELETE too. */
  static final String METHODS = "GET, POST, PUT, DELETE, OPTIONS";

  private final List<String> origins;

  public Cors(List<String> origins) {
    this.origins = List.copyOf(origins);
  }

  public boolean enabled() {
    return !origins.isEmpty();
  }

  /** Adds the allow headers when the request's origin is allowed; returns true for a preflight it answered. */
  public boolean apply(Context ctx) {
    String origin = ctx.header("Origin");
    if (!enabled() || origin == null || !(origins.contains("*") || origins.contains(origin))) {
      return false;
    }
    ctx.header("Access-Control-Allow-Origin", origins.contains("*") ? "*" : origin);
    ctx.header("Vary", "Origin");
    ctx.header("Access-Control-Expose-Headers", EXPOSED);
    if (ctx.method().name().equals("OPTIONS") && ctx.header("Access-Control-Request-Method") != null) {
      String requested = ctx.header("Access-Control-Request-Headers");
      ctx.header("Access-Control-Allow-Methods", METHODS);
      ctx.header("Access-Control-Allow-Headers", requested != null ? requested : "Authorization, Content-Type");
      ctx.header("Access-Control-Max-Age", "600");
      ctx.status(204);
      return true;
    }
    return false;
  }
}
