package dev.embedkit.langchain4j;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.remote.RemoteException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;

/**
 * The one place in this module where embedkit's errors become LangChain4j's: a caller of a LangChain4j interface
 * catches what LangChain4j documents, never an embedkit type. The message is embedkit's one-line message; the cause is
 * the embedkit exception, for logs.
 *
 * <ul>
 *   <li>a server that refused the API key (HTTP 401/403): {@link AuthenticationException};
 *   <li>no answer within the timeout: {@link TimeoutException} (a write may or may not have been applied);
 *   <li>INVALID_INPUT, NOT_FOUND, CONFLICT: {@link IllegalArgumentException}, as LangChain4j's own validation throws
 *       and its store suites expect;
 *   <li>UNSUPPORTED: {@link UnsupportedFeatureException};
 *   <li>OVERLOADED (HTTP 429, a full queue): {@link RateLimitException}; UNAVAILABLE (server unreachable, 502, 503,
 *       504, a closed model): {@link RetriableException};
 *   <li>MODEL (a broken model folder): {@link NonRetriableException}; INTERNAL: {@link LangChain4jException}.
 * </ul>
 */
final class Errors {
  private Errors() {}

  static RuntimeException translate(EmbedkitException e) {
    String message = e.getMessage();
    if (e instanceof RemoteException remote) {
      if (remote.keyRefused()) {
        return new AuthenticationException(message, e);
      }
      if (remote.timedOut()) {
        return new TimeoutException(message, e);
      }
    }
    return switch (e.kind()) {
      case INVALID_INPUT, NOT_FOUND, CONFLICT -> new IllegalArgumentException(message, e);
      case UNSUPPORTED -> {
        UnsupportedFeatureException unsupported = new UnsupportedFeatureException(message);
        unsupported.initCause(e);
        yield unsupported;
      }
      case OVERLOADED -> new RateLimitException(message, e);
      case UNAVAILABLE -> new RetriableException(message, e);
      case MODEL -> new NonRetriableException(message, e);
      default -> new LangChain4jException(message, e);
    };
  }
}
