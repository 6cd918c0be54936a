package dev.embedkit.server;

import dev.embedkit.ErrorKind;

/**
 * What went wrong with a request, in the server's terms: core's {@link ErrorKind}s plus what only HTTP has (a bad
 * key, a body over the limit, an unknown route). Each API turns a problem into its own status and error body in one
 * table ({@code api.ErrorShape}).
 */
public enum Problem {
  /** The body is not JSON, or a field has the wrong type or is missing. */
  MALFORMED,
  /** Well-formed but invalid: out of range, too long with truncation off, too many inputs. */
  INVALID_INPUT,
  /** No input at all where the API wants some. */
  EMPTY,
  /** The named model is not served here. */
  MODEL_NOT_FOUND,
  /** The input is valid but this model cannot take it (an image for a text model). */
  UNSUPPORTED,
  /** The model failed to load or run. */
  MODEL,
  /** A name or id already taken, or a collection locked by another writer. */
  CONFLICT,
  /** Too much work admitted; retry later. */
  OVERLOADED,
  /** Not ready yet, or shutting down. */
  UNAVAILABLE,
  /** A bug or an I/O failure. */
  INTERNAL,
  /** No key, or a wrong one. */
  UNAUTHORIZED,
  /** The body is over the size limit. */
  TOO_LARGE,
  /** No such route. */
  NO_ROUTE,
  /** The route exists for another method. */
  METHOD_NOT_ALLOWED;

  public static Problem of(ErrorKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> INVALID_INPUT;
      case NOT_FOUND -> MODEL_NOT_FOUND;
      case UNSUPPORTED -> UNSUPPORTED;
      case CONFLICT -> CONFLICT;
      case MODEL -> MODEL;
      case OVERLOADED -> OVERLOADED;
      case UNAVAILABLE -> UNAVAILABLE;
      case INTERNAL -> INTERNAL;
    };
  }
}
