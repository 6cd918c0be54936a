package dev.embedkit.spring.ai;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.EmbeddingModel;

/**
 * The one place where embedkit's errors become the exceptions Spring AI code expects: bad input (including an
 * unknown or conflicting id, or a missing collection) is an {@link IllegalArgumentException}, an unsupported request an
 * {@link UnsupportedOperationException}, anything else (model, disk, a closed model) an {@link IllegalStateException}.
 * The message stays embedkit's one line; the original is kept as the cause.
 */
final class SpringErrors {
  private SpringErrors() {}

  /** {@link Embedkit#load} with its failure in Spring's terms (the adapters' load methods). */
  static EmbeddingModel load(String nameOrPath) {
    try {
      return Embedkit.load(nameOrPath);
    } catch (EmbedkitException e) {
      throw translate(e);
    }
  }

  static RuntimeException translate(EmbedkitException e) {
    return switch (e.kind()) {
      case INVALID_INPUT, NOT_FOUND, CONFLICT -> new IllegalArgumentException(e.getMessage(), e);
      case UNSUPPORTED -> new UnsupportedOperationException(e.getMessage(), e);
      default -> new IllegalStateException(e.getMessage(), e);
    };
  }
}
