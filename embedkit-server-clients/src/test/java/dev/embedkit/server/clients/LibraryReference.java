package dev.embedkit.server.clients;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.TokenInfo;
import java.util.List;
import java.util.stream.IntStream;

/** What the library itself says for a text: the vectors and token counts the server must hand on unchanged. */
final class LibraryReference implements AutoCloseable {
  private final EmbeddingModel model;

  LibraryReference(String name) {
    this.model = Embedkit.load(name);
  }

  List<float[]> vectors(List<String> texts) {
    return model.embed(texts, EmbedOptions.DEFAULTS).vectors();
  }

  List<float[]> vectors(List<String> texts, int dimensions) {
    return model.embed(texts, EmbedOptions.DEFAULTS.withDimensions(dimensions)).vectors();
  }

  float[] vector(String text) {
    return vectors(List.of(text)).get(0);
  }

  /** A text's token ids as a client that tokenizes itself would send them: the text's own tokens, no special ones. */
  List<Long> tokenIds(String text) {
    return model.tokenize(List.of(text), EmbedOptions.DEFAULTS).get(0).stream()
        .filter(t -> !t.special()).map(TokenInfo::id).toList();
  }

  /** Tokens the library reads for these texts, summed (special tokens included, after truncation). */
  int tokens(List<String> texts) {
    return IntStream.of(model.countTokens(texts)).sum();
  }

  @Override
  public void close() {
    model.close();
  }
}
