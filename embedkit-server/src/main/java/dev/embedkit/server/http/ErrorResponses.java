package dev.embedkit.server.http;

import dev.embedkit.EmbedkitException;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.api.ApiFamily;
import dev.embedkit.server.service.Admission;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an HTTP answer: the called API's status and body ({@link ApiFamily}), a
 * {@code Retry-After} on 429 and 503, and a log line for the server's own faults (with the request id, never the
 * key). Framework errors (unknown route, wrong method, a body Javalin refused) arrive here too.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  public static void serverException(ServerException e, Context ctx) {
    send(ctx, e.problem(), e.getMessage(), e.param());
  }

  public static void embedkitException(EmbedkitException e, Context ctx) {
    serverException(ServerException.of(e, switch (ApiFamily.of(ctx)) {
      case TEI -> "inputs";
      case COLLECTIONS -> "documents";
      case QDRANT -> "points";
      default -> "input";
    }), ctx);
  }

  public static void frameworkException(HttpResponseException e, Context ctx) {
    Problem problem = switch (e.getStatus()) {
      case 404 -> Problem.NO_ROUTE;
      case 405 -> Problem.METHOD_NOT_ALLOWED;
      case 413 -> Problem.TOO_LARGE;
      case 401 -> Problem.UNAUTHORIZED;
      case 503 -> Problem.UNAVAILABLE;
      default -> e.getStatus() >= 500 ? Problem.INTERNAL : Problem.MALFORMED;
    };
    String message = switch (problem) {
      case NO_ROUTE -> "no route " + ctx.method() + " " + ctx.path() + "; see the server's README section for the routes";
      case METHOD_NOT_ALLOWED -> ctx.path() + " does not take " + ctx.method() + "; " + allowed(ctx, e);
      default -> e.getMessage();
    };
    send(ctx, problem, message, null);
  }

  public static void unexpected(Exception e, Context ctx) {
    Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof java.io.IOException) {
      LOG.debug("request {} {}: I/O failure reading the request: {}", ctx.method(), ctx.path(), cause.toString());
      send(ctx, Problem.MALFORMED, "the request body could not be read: " + cause.getMessage(), null);
      return;
    }
    LOG.error("request {} {} (id {}) failed", ctx.method(), ctx.path(), ctx.res().getHeader(RequestIds.HEADER), e);
    send(ctx, Problem.INTERNAL, "internal error (request id " + ctx.res().getHeader(RequestIds.HEADER)
        + "; the server log has the details)", null);
  }

  public static void send(Context ctx, Problem problem, String message, String param) {
    ApiFamily api = ApiFamily.of(ctx);
    if (problem == Problem.OVERLOADED || problem == Problem.UNAVAILABLE) {
      ctx.header("Retry-After", Integer.toString(Admission.RETRY_AFTER_SECONDS));
    }
    Json.send(ctx, api.status(problem), api.body(problem, oneLine(message), param, ServerApp.seconds(ctx)));
  }

  /**
   * The most characters of a message that an error body carries; longer ones end in "...". The server's own longest
   * messages (a refusal with the list of what is supported) are about 330 characters, so they stay whole.
   */
  public static final int MAX_MESSAGE_CHARS = 400;

  /**
   * A message as an error body carries it: one line (each control character, {@code \n}, {@code \r}, {@code \t} and
   * the others below 0x20 and DEL, becomes a space) and at most {@link #MAX_MESSAGE_CHARS} characters, the rest
   * replaced by "..." (messages quote what the client sent, which may be long or hold line breaks).
   */
  public static String oneLine(String message) {
    if (message == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_CHARS + 3));
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
      if (out.length() == MAX_MESSAGE_CHARS && i < message.length() - 1) {
        if (Character.isHighSurrogate(c)) {
          out.setLength(out.length() - 1);
        }
        return out.append("...").toString();
      }
    }
    return out.toString();
  }

  /** The methods the path takes, as Javalin found them (routes here take GET, POST, PUT and DELETE). */
  private static String allowed(Context ctx, HttpResponseException e) {
    String methods = e.getDetails().get("availableMethods");
    if (methods != null && !methods.isBlank()) {
      return "use " + methods.replace(", ", " or ");
    }
    return "use " + (ctx.method().name().equals("GET") ? "POST" : "GET");
  }
}
