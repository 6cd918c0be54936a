package dev.embedkit.langchain4j;

import dev.embedkit.EmbedkitException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.UnsupportedFeatureException;

/**
 * The one place where embedkit's errors become LangChain4j's: a caller of a LangChain4j interface catches what
 * LangChain4j documents, never an embedkit type. Bad input (INVALID_INPUT, NOT_FOUND, CONFLICT) is an
 * {@link IllegalArgumentException} as LangChain4j's own validation throws; UNSUPPORTED is LangChain4j's
 * {@link UnsupportedFeatureException}; the rest (model, runtime, I/O) a {@link LangChain4jException}. The message is
 * embedkit's one-line message; the cause is kept for logs.
 */
final class Errors {
  private Errors() {}

  static RuntimeException translate(EmbedkitException e) {
    return switch (e.kind()) {
      case INVALID_INPUT, NOT_FOUND, CONFLICT -> new IllegalArgumentException(e.getMessage(), e);
      case UNSUPPORTED -> new UnsupportedFeatureException(e.getMessage());
      default -> new LangChain4jException(e.getMessage(), e);
    };
  }
}
