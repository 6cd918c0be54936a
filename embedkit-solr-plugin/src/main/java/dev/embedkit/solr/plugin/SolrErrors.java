package dev.embedkit.solr.plugin;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;

/** The one place that turns embedkit's errors into Solr's: a bad input is the client's 400, the rest are 500s. */
final class SolrErrors {
  private SolrErrors() {}

  static SolrException of(String context, RuntimeException e) {
    if (e instanceof SolrException solr) {
      return solr;
    }
    ErrorCode code = e instanceof EmbedkitException ek && ek.kind() == ErrorKind.INVALID_INPUT
        ? ErrorCode.BAD_REQUEST
        : ErrorCode.SERVER_ERROR;
    return new SolrException(code, "embedkit: " + context + ": " + oneLine(e), e);
  }

  /** The exception's message on one line (Solr puts it in a JSON or XML error body and in its log). */
  static String oneLine(Throwable e) {
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return message.replaceAll("[\\r\\n\\t]+", " ").trim();
  }
}
