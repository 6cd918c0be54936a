package dev.embedkit.store.chunk;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ModelInfo;
import dev.embedkit.TokenInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real model seen through the habits of another: one that lower-cases its inputs (prompt included) before its
 * tokenizer reads them, as TextChecks.prepare does for models with do_lower_case, and/or one whose token offsets are
 * UTF-16 chars rather than the code points DJL reports. Only literal prompts are supported.
 */
final class ReshapedModel implements EmbeddingModel {
  private final EmbeddingModel real;
  private final boolean lowerCases;
  private final boolean utf16Offsets;

  ReshapedModel(EmbeddingModel real, boolean lowerCases, boolean utf16Offsets) {
    this.real = real;
    this.lowerCases = lowerCases;
    this.utf16Offsets = utf16Offsets;
  }

  @Override
  public ModelInfo info() {
    return real.info();
  }

  @Override
  public EmbeddingResult embed(List<String> texts, EmbedOptions options) {
    throw EmbedkitException.unsupported("a test double: it only tokenises");
  }

  @Override
  public int[] countTokens(List<String> texts, EmbedOptions options) {
    return real.countTokens(read(texts, options), options.withPrompt(""));
  }

  @Override
  public List<List<TokenInfo>> tokenize(List<String> texts, EmbedOptions options) {
    List<String> read = read(texts, options);
    List<List<TokenInfo>> out = new ArrayList<>();
    for (String text : read) {
      List<TokenInfo> tokens = new ArrayList<>();
      for (TokenInfo t : real.tokenize(List.of(text), options.withPrompt("")).get(0)) {
        tokens.add(utf16Offsets && t.start() != null
            ? new TokenInfo(t.id(), t.text(), t.special(), text.offsetByCodePoints(0, t.start()),
                text.offsetByCodePoints(0, t.stop()))
            : t);
      }
      out.add(tokens);
    }
    return out;
  }

  private List<String> read(List<String> texts, EmbedOptions options) {
    if (options.promptName() != null) {
      throw new IllegalArgumentException("only literal prompts");
    }
    String prompt = options.prompt() == null ? "" : options.prompt();
    List<String> read = new ArrayList<>();
    for (String text : texts) {
      read.add(lowerCases ? (prompt + text).toLowerCase(Locale.ROOT) : prompt + text);
    }
    return read;
  }

  @Override
  public void close() {}
}
