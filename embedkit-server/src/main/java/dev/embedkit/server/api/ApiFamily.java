package dev.embedkit.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.server.Problem;
import dev.embedkit.server.http.Json;
import io.javalin.http.Context;

/**
 * The APIs the server speaks, each with its one table from {@link Problem} to HTTP status and its error body. Every
 * error a request meets, the framework's own included (a malformed body, an unknown route, a wrong method), goes
 * through here, in the shape of the API whose path was called.
 */
public enum ApiFamily {
  /** {@code /v1/...}: {"error": {"message", "type", "param", "code"}}. */
  OPENAI {
    @Override
    public int status(Problem problem) {
      return switch (problem) {
        case MALFORMED, INVALID_INPUT, EMPTY, UNSUPPORTED -> 400;
        case UNAUTHORIZED -> 401;
        case MODEL_NOT_FOUND, NO_ROUTE -> 404;
        case METHOD_NOT_ALLOWED -> 405;
        case CONFLICT -> 409;
        case TOO_LARGE -> 413;
        case OVERLOADED -> 429;
        case MODEL, INTERNAL -> 500;
        case UNAVAILABLE -> 503;
      };
    }

    @Override
    public ObjectNode body(Problem problem, String message, String param) {
      ObjectNode error = Json.object();
      error.put("message", message);
      error.put("type", switch (status(problem)) {
        case 401 -> "invalid_request_error";
        case 429 -> "rate_limit_error";
        case 500, 503 -> "server_error";
        default -> "invalid_request_error";
      });
      error.put("param", param);
      error.put("code", switch (problem) {
        case MODEL_NOT_FOUND -> "model_not_found";
        case UNAUTHORIZED -> "invalid_api_key";
        case OVERLOADED -> "rate_limit_exceeded";
        case NO_ROUTE -> "unknown_url";
        case TOO_LARGE -> "request_too_large";
        default -> null;
      });
      ObjectNode body = Json.object();
      body.set("error", error);
      return body;
    }
  },

  /** {@code /api/...}: {"error": "message"}, with OpenAI's statuses (Ollama's own server uses the same ones). */
  OLLAMA {
    @Override
    public int status(Problem problem) {
      return OPENAI.status(problem);
    }

    @Override
    public ObjectNode body(Problem problem, String message, String param) {
      ObjectNode body = Json.object();
      body.put("error", message);
      return body;
    }
  },

  /**
   * {@code /collections} and {@code /collections/...}: Qdrant's envelope, as the Qdrant-compatible API
   * ({@link #QDRANT}) has: {"status": {"error": "message"}, "time": seconds}; success is {"result": ..., "status": "ok",
   * "time": seconds}. Statuses as Qdrant's: 400 for anything wrong with the request, 404 for an unknown collection,
   * document or route, 409 for a name or id taken or a collection locked by another process.
   */
  COLLECTIONS {
    @Override
    public int status(Problem problem) {
      return switch (problem) {
        case MALFORMED, INVALID_INPUT, EMPTY, UNSUPPORTED -> 400;
        case UNAUTHORIZED -> 401;
        case MODEL_NOT_FOUND, NO_ROUTE -> 404;
        case METHOD_NOT_ALLOWED -> 405;
        case CONFLICT -> 409;
        case TOO_LARGE -> 413;
        case OVERLOADED -> 429;
        case MODEL, INTERNAL -> 500;
        case UNAVAILABLE -> 503;
      };
    }

    @Override
    public ObjectNode body(Problem problem, String message, String param) {
      return body(problem, message, param, 0);
    }

    @Override
    public ObjectNode body(Problem problem, String message, String param, double seconds) {
      ObjectNode body = Json.object();
      body.putObject("status").put("error", message);
      body.put("time", seconds);
      return body;
    }
  },

  /**
   * The Qdrant-compatible API ({@code /qdrant/...} on the main port; every path of the {@code --qdrant-port}):
   * Qdrant's own envelope and statuses, the same as {@link #COLLECTIONS}' (409 for a collection that exists, as
   * Qdrant answers since 1.8).
   */
  QDRANT {
    @Override
    public int status(Problem problem) {
      return COLLECTIONS.status(problem);
    }

    @Override
    public ObjectNode body(Problem problem, String message, String param) {
      return COLLECTIONS.body(problem, message, param);
    }

    @Override
    public ObjectNode body(Problem problem, String message, String param, double seconds) {
      return COLLECTIONS.body(problem, message, param, seconds);
    }
  },

  /** Everything else (TEI's routes): {"error": "message", "error_type": "Validation"}, TEI's statuses. */
  TEI {
    @Override
    public int status(Problem problem) {
      return switch (problem) {
        case EMPTY -> 400;
        case UNAUTHORIZED -> 401;
        case MODEL_NOT_FOUND, NO_ROUTE -> 404;
        case METHOD_NOT_ALLOWED -> 405;
        case CONFLICT -> 409;
        case TOO_LARGE -> 413;
        case MALFORMED, INVALID_INPUT, UNSUPPORTED -> 422;
        case MODEL -> 424;
        case OVERLOADED -> 429;
        case INTERNAL -> 500;
        case UNAVAILABLE -> 503;
      };
    }

    @Override
    public ObjectNode body(Problem problem, String message, String param) {
      ObjectNode body = Json.object();
      body.put("error", message);
      body.put("error_type", switch (problem) {
        case EMPTY -> "Empty";
        case UNAUTHORIZED -> "Unauthorized";
        case MODEL_NOT_FOUND, NO_ROUTE -> "NotFound";
        case METHOD_NOT_ALLOWED -> "MethodNotAllowed";
        case CONFLICT -> "Conflict";
        case MALFORMED, INVALID_INPUT, UNSUPPORTED, TOO_LARGE -> "Validation";
        case MODEL, INTERNAL -> "Backend";
        case OVERLOADED -> "Overloaded";
        case UNAVAILABLE -> "Unhealthy";
      });
      return body;
    }
  };

  public abstract int status(Problem problem);

  public abstract ObjectNode body(Problem problem, String message, String param);

  /** The error body of a request that has run {@code seconds}; only APIs whose errors carry the time use it. */
  public ObjectNode body(Problem problem, String message, String param, double seconds) {
    return body(problem, message, param);
  }

  /** The request attribute that pins a request's API whatever its path (the Qdrant port's requests). */
  public static final String ATTRIBUTE = "embedkit.api";

  /** The API of a request: the one pinned by {@link #ATTRIBUTE}, else the one its path belongs to. */
  public static ApiFamily of(Context ctx) {
    ApiFamily pinned = ctx.attribute(ATTRIBUTE);
    return pinned != null ? pinned : of(ctx.path());
  }

  /** The API a path belongs to. */
  public static ApiFamily of(String path) {
    if (path.startsWith("/qdrant/") || path.equals("/qdrant")) {
      return QDRANT;
    }
    if (path.startsWith("/v1/") || path.equals("/v1")) {
      return OPENAI;
    }
    if (path.startsWith("/api/") || path.equals("/api")) {
      return OLLAMA;
    }
    if (path.startsWith("/collections/") || path.equals("/collections")) {
      return COLLECTIONS;
    }
    return TEI;
  }
}
