package dev.embedkit.store.chunk;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.ChunkSettings;
import dev.embedkit.text.TextTokenizer;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits long texts into chunks that a model reads whole: each chunk, embedded with the chunker's options (prompt and
 * special tokens included), takes at most {@link #limit()} tokens, so nothing is cut off at the model's window.
 *
 * <ul>
 *   <li><b>Limit</b>: the settings' {@code maxTokens}, or the model's max_seq_length when that is 0 or
 *       larger.
 *   <li><b>Where a chunk ends</b>: after the last token that fits; with {@code sentenceAware}, at the last sentence
 *       boundary ({@link BreakIterator}, {@link Locale#ROOT}) in the last quarter of the tokens that fit, when there is
 *       one. Chunks never begin or end with whitespace.
 *   <li><b>Overlap</b>: the next chunk starts at the start of the token {@code overlapTokens} tokens before the
 *       previous chunk's end (at most half of that chunk's tokens, so every chunk moves on by at least half).
 *   <li><b>A text that fits</b> is one chunk {@code Chunk(0, 0, text.length(), text)}, whitespace included.
 * </ul>
 *
 * <p>Texts are tokenised a window at a time, never whole: a window starts where the chunk does and grows from about
 * the chunk's length in chars to at most {@code limit x} {@value TextTokenizer#MAXIMUM_CHARS_PER_TOKEN} chars, so a
 * megabyte text costs about two tokenisations of its length. A chunk is also at most that many chars: a single token
 * wider than that (a 5,000-char "word" that reads as one [UNK]) is cut at the window's end, before whitespace when
 * there is some in the window's second half. Each chunk is tokenised once more on its own and shortened until it
 * fits, so no assumption about how the tokenizer treats a cut text can let a chunk overflow.
 *
 * <pre>{@code
 * TextChunker chunker = new TextChunker(model, ChunkSettings.DEFAULTS, EmbedOptions.DEFAULTS);
 * for (Chunk chunk : chunker.split(longText)) {
 *   float[] vector = model.embed(List.of(chunk.text())).vectors().get(0);
 * }
 * }</pre>
 *
 * Thread-safe: a chunker holds only settings, and each {@link #split} its own sentence iterator.
 */
public final class TextChunker {
  /** Chars per token assumed for the first window of a text, until the text itself says how long its tokens are. */
  static final double INITIAL_CHARS_PER_TOKEN = 5.0;

  private final SpanTokenizer tokenizer;
  private final ChunkSettings settings;
  private final int limit;
  private final int maxWindowChars;

  /**
   * @throws EmbedkitException UNSUPPORTED for a model that does not report its tokens; INVALID_INPUT for an unknown
   *     prompt name or a negative chunk size (truncation at the window: nothing to split)
   */
  public TextChunker(EmbeddingModel model, ChunkSettings settings, EmbedOptions options) {
    Objects.requireNonNull(model, "model");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (settings.maxTokens() < 0) {
      throw EmbedkitException.invalidInput("chunk size " + settings.maxTokens() + " means no splitting (a long text"
          + " is cut at the model's window); a chunker needs 0 (the model's window) or a number of tokens");
    }
    this.tokenizer = new SpanTokenizer(model, EmbedOptions.require(options));
    int window = tokenizer.maxSeqLength();
    this.limit = settings.maxTokens() == 0 ? window : Math.min(settings.maxTokens(), window);
    this.maxWindowChars = limit * TextTokenizer.MAXIMUM_CHARS_PER_TOKEN;
  }

  /** Tokens per chunk, special and prompt tokens included. */
  public int limit() {
    return limit;
  }

  /**
   * The chunks of a text, in order, covering every non-whitespace char of it.
   *
   * @throws EmbedkitException INVALID_INPUT for a null or blank text, or a limit that the prompt and special tokens
   *     fill on their own
   */
  public List<Chunk> split(String text) {
    if (text == null || text.isBlank()) {
      throw EmbedkitException.invalidInput("cannot chunk " + (text == null ? "a null text" : "a blank text")
          + "; give a text with at least one non-whitespace char");
    }
    int contentEnd = trimEnd(text, 0, text.length());
    List<Chunk> chunks = new ArrayList<>();
    BreakIterator sentences = settings.sentenceAware() ? BreakIterator.getSentenceInstance(Locale.ROOT) : null;
    double charsPerToken = INITIAL_CHARS_PER_TOKEN;
    for (int start = skipWhitespace(text, 0); start < contentEnd; ) {
      Candidate candidate = candidateEnd(text, start, contentEnd, charsPerToken, sentences);
      charsPerToken = candidate.charsPerToken();
      Fitted fitted = fit(text, start, candidate.end());
      chunks.add(new Chunk(chunks.size(), start, fitted.end(), text.substring(start, fitted.end())));
      if (fitted.end() >= contentEnd) {
        break;
      }
      start = skipWhitespace(text, nextStart(fitted, start));
    }
    return chunks.size() == 1 ? List.of(whole(text, chunks.get(0))) : List.copyOf(chunks);
  }

  /** The text whole, whitespace included, when it fits as the one chunk does; else that chunk. */
  private Chunk whole(String text, Chunk only) {
    if (only.start() == 0 && only.end() == text.length()) {
      return only;
    }
    boolean fits = text.length() <= maxWindowChars && tokenizer.tokenize(text, 0, text.length()).fits(limit);
    return fits ? new Chunk(0, 0, text.length(), text) : only;
  }

  /** Where a chunk starting at {@code start} should end, from windows of the text, and the chars per token seen. */
  private Candidate candidateEnd(String text, int start, int contentEnd, double charsPerToken,
      BreakIterator sentences) {
    int windowChars = (int) Math.min(maxWindowChars, Math.max(256, limit * charsPerToken * 1.25));
    while (true) {
      int windowEnd = windowEnd(text, start, contentEnd, windowChars);
      TokenSpans window = tokenizer.tokenize(text, start, windowEnd);
      int budget = budget(window);
      double seen = window.count() == 0 ? charsPerToken
          : Math.max(1.0, (window.stops()[window.count() - 1] - start) / (double) window.count());
      if (window.complete() && window.count() <= budget) {
        if (windowEnd == contentEnd || windowChars >= maxWindowChars) {
          return new Candidate(windowEnd, seen); // the rest fits, or the window is as wide as a chunk may be
        }
        windowChars = (int) Math.min(maxWindowChars, windowChars * 2L);
        continue;
      }
      return new Candidate(cut(text, start, windowEnd, window, budget, sentences), seen);
    }
  }

  /** The end of a chunk read from a window holding more than {@code budget} text tokens. */
  private static int cut(String text, int start, int windowEnd, TokenSpans window, int budget,
      BreakIterator sentences) {
    int n = Math.min(budget, window.count());
    if (n == 0) {
      return windowEnd; // no text token was placed (offsets a tokenizer did not give): fit() shortens the window
    }
    int tokenEnd = window.stops()[n - 1];
    int firstOfLastQuarter = (3 * n) / 4;
    if (sentences != null && firstOfLastQuarter > 0) {
      int earliest = window.stops()[firstOfLastQuarter - 1];
      int boundary = lastSentenceBoundary(sentences, text, start, windowEnd, tokenEnd);
      if (boundary > start) {
        int end = trimEnd(text, start, boundary);
        if (end >= earliest) {
          return end;
        }
      }
    }
    return tokenEnd;
  }

  /** The last sentence boundary at or before {@code at} in the window, or -1. */
  private static int lastSentenceBoundary(BreakIterator sentences, String text, int start, int windowEnd, int at) {
    // the window reaches past the cut, so the iterator sees what follows a full stop
    sentences.setText(text.substring(start, windowEnd));
    int relative = at - start;
    int boundary = sentences.isBoundary(relative) ? relative : sentences.preceding(relative);
    return boundary == BreakIterator.DONE ? -1 : start + boundary;
  }

  /** The candidate, or less, tokenised alone until it fits: the chunk's end and its tokens. */
  private Fitted fit(String text, int start, int candidate) {
    int oneChar = start + Character.charCount(text.codePointAt(start));
    int end = Math.max(oneChar, trimEnd(text, start, candidate)); // never empty: every chunk moves the start on
    while (true) {
      TokenSpans tokens = tokenizer.tokenize(text, start, end);
      int budget = budget(tokens);
      if (tokens.complete() && tokens.count() <= budget) {
        return new Fitted(end, tokens);
      }
      int n = Math.min(budget, tokens.count());
      int shorter = n > 0 ? tokens.stops()[n - 1] : start;
      if (shorter >= end) {
        shorter = n > 1 ? tokens.stops()[n - 2] : start; // the last token that fitted did not: drop it too
      }
      if (shorter >= end) {
        shorter = end - Character.charCount(text.codePointBefore(end)); // offsets that do not move the end
      }
      if (end <= oneChar) {
        throw EmbedkitException.invalidInput("cannot chunk the text: the char at offset " + start + " alone takes"
            + " more than the " + limit + " tokens a chunk may have; raise the chunk size");
      }
      end = Math.max(oneChar, trimEnd(text, start, shorter)); // less than before: the loop ends
    }
  }

  /** Where the chunk after one ending at {@code fitted.end()} starts: {@code overlapTokens} tokens before that end. */
  private int nextStart(Fitted fitted, int start) {
    TokenSpans tokens = fitted.tokens();
    int overlap = Math.min(settings.overlapTokens(), tokens.count() / 2);
    for (int k = tokens.count() - overlap; overlap > 0 && k < tokens.count(); k++) {
      if (tokens.starts()[k] > start) {
        return tokens.starts()[k];
      }
    }
    return fitted.end();
  }

  /** Text tokens a span may have: the limit less its special and prompt tokens. */
  private int budget(TokenSpans tokens) {
    int budget = limit - tokens.specials() - tokens.promptTokens();
    if (budget < 1) {
      throw EmbedkitException.invalidInput("a chunk may have " + limit + " tokens, and the model's special tokens ("
          + tokens.specials() + ") and the prompt (" + tokens.promptTokens() + ") take them all; raise the chunk size");
    }
    return budget;
  }

  /** The end of a window of about {@code chars} chars: the content's end, else before whitespace, never mid-pair. */
  private static int windowEnd(String text, int start, int contentEnd, int chars) {
    if (contentEnd - start <= chars) {
      return contentEnd;
    }
    int limit = start + chars;
    for (int i = limit; i > start + chars / 2; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return trimEnd(text, start, i);
      }
    }
    return Character.isLowSurrogate(text.charAt(limit)) && Character.isHighSurrogate(text.charAt(limit - 1))
        ? limit - 1 : limit;
  }

  /** The index after the last non-whitespace char of {@code text[from, to)}, or {@code from}. */
  static int trimEnd(String text, int from, int to) {
    int end = to;
    while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static int skipWhitespace(String text, int from) {
    int start = from;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    return start;
  }

  private record Candidate(int end, double charsPerToken) {}

  private record Fitted(int end, TokenSpans tokens) {}
}
