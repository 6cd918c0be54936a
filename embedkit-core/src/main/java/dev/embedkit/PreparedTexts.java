package dev.embedkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Texts read once with given options, for a caller that needs their token counts before it embeds them: a server
 * admits a request by its size, then merges several requests into one inference call. Embedding prepared texts gives
 * exactly what {@code embed(texts(), options())} gives, without tokenising them again.
 *
 * <pre>{@code
 * PreparedTexts a = model.prepare(List.of("first request"), options);
 * PreparedTexts b = model.prepare(List.of("second", "request"), options);
 * EmbeddingResult both = model.embed(PreparedTexts.concat(List.of(a, b)));
 * }</pre>
 */
public final class PreparedTexts {
  private final List<String> texts;
  private final EmbedOptions options;
  private final int[] tokenCounts;
  private final Object preparedBy;
  private final List<?> perText;

  /**
   * @param preparedBy the model that prepared them (its state is only valid for it)
   * @param perText the model's own state for each text (its tokens), or null when it keeps none
   */
  public PreparedTexts(List<String> texts, EmbedOptions options, int[] tokenCounts, Object preparedBy, List<?> perText) {
    if (texts.size() != tokenCounts.length || (perText != null && perText.size() != texts.size())) {
      throw new IllegalArgumentException("one token count and one state per text; texts=" + texts.size()
          + " counts=" + tokenCounts.length + " states=" + (perText == null ? "none" : perText.size()));
    }
    this.texts = List.copyOf(texts);
    this.options = EmbedOptions.require(options);
    this.tokenCounts = tokenCounts.clone();
    this.preparedBy = preparedBy;
    this.perText = perText == null ? null : List.copyOf(perText);
  }

  /** Several preparations by one model with equal options, as one, in order. */
  public static PreparedTexts concat(List<PreparedTexts> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    PreparedTexts first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    List<String> texts = new ArrayList<>();
    List<Object> states = first.perText == null ? null : new ArrayList<>();
    int total = parts.stream().mapToInt(p -> p.tokenCounts.length).sum();
    int[] counts = new int[total];
    int at = 0;
    for (PreparedTexts part : parts) {
      if (part.preparedBy != first.preparedBy || !part.options.equals(first.options) || (part.perText == null) != (states == null)) {
        throw new IllegalArgumentException("only texts prepared by one model with equal options can be concatenated");
      }
      texts.addAll(part.texts);
      if (states != null) {
        states.addAll(part.perText);
      }
      System.arraycopy(part.tokenCounts, 0, counts, at, part.tokenCounts.length);
      at += part.tokenCounts.length;
    }
    return new PreparedTexts(texts, first.options, counts, first.preparedBy, states);
  }

  public List<String> texts() {
    return texts;
  }

  public EmbedOptions options() {
    return options;
  }

  /** Tokens each text is read as (prompt and special tokens included, after truncation). */
  public int[] tokenCounts() {
    return tokenCounts.clone();
  }

  public int size() {
    return texts.size();
  }

  /** Whether {@code model} prepared these (and so may use {@link #perText()}). */
  public boolean preparedBy(Object model) {
    return preparedBy == model;
  }

  /** The preparing model's state per text, or null. */
  public List<?> perText() {
    return perText;
  }
}
