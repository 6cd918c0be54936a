package dev.embedkit.solr;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;

/**
 * Solr's failures as embedkit's one-line errors, in one place: a node or ZooKeeper that cannot be reached, a leader
 * being elected, a full queue are UNAVAILABLE (and worth a retry); a request Solr refused (400) is INVALID_INPUT; 404
 * NOT_FOUND; 409 CONFLICT; anything else INTERNAL.
 */
final class SolrErrors {
  /** Longest part of a Solr message kept in ours. */
  private static final int MAX_DETAIL = 300;

  private SolrErrors() {}

  static EmbedkitException of(String what, Throwable e) {
    if (e instanceof EmbedkitException embedkit) {
      return embedkit;
    }
    ErrorKind kind = kind(e);
    return new EmbedkitException(kind, what + ": " + detail(e), e);
  }

  /** Whether the failure is one that a retry may get past (a node down, a leader election, a timeout). */
  static boolean retryable(Throwable e) {
    return e instanceof EmbedkitException embedkit ? embedkit.kind() == ErrorKind.UNAVAILABLE
        : kind(e) == ErrorKind.UNAVAILABLE;
  }

  private static ErrorKind kind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SolrException solr && solr.code() > 0) {
        int code = solr.code();
        if (code == 400) {
          return unavailableMessage(solr) ? ErrorKind.UNAVAILABLE : ErrorKind.INVALID_INPUT;
        }
        if (code == 404) {
          return ErrorKind.NOT_FOUND;
        }
        if (code == 409) {
          return ErrorKind.CONFLICT;
        }
        if (code == 503 || code == 510 || code == 502 || code == 504 || code == 429) {
          return ErrorKind.UNAVAILABLE;
        }
        if (code >= 500 && unavailableMessage(solr)) {
          return ErrorKind.UNAVAILABLE;
        }
        return ErrorKind.INTERNAL;
      }
      if (t instanceof IOException || t instanceof TimeoutException || t instanceof SolrServerException) {
        return ErrorKind.UNAVAILABLE;
      }
    }
    return ErrorKind.INTERNAL;
  }

  /** Messages Solr sends with a 400 or 500 while a node or leader is missing. */
  private static boolean unavailableMessage(Throwable t) {
    String message = String.valueOf(t.getMessage());
    return message.contains("No live SolrServers") || message.contains("no servers hosting shard")
        || message.contains("Could not find a healthy node") || message.contains("leader")
        || message.contains("Connection refused") || message.contains("ZooKeeper");
  }

  /** The innermost useful message, as one line. */
  static String detail(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SolrException solr && solr.code() > 0 && solr.getMessage() != null) {
        return line(solr.getMessage()); // Solr's own words (a remote error names the bad field or syntax)
      }
    }
    Throwable deepest = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        deepest = t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName()
        : deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
    return line(message);
  }

  private static String line(String message) {
    String line = message.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(message);
    return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "..." : line;
  }
}
