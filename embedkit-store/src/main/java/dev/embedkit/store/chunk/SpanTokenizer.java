package dev.embedkit.store.chunk;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ModelInfo;
import dev.embedkit.TokenInfo;
import dev.embedkit.model.Prompts;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokenises spans of a text as a model reads them with given options (prompt prepended, special tokens added), and
 * places each token in the whole text.
 *
 * <p>The tokenizer reports offsets into the string it was given: the prompt followed by the span, lower-cased first
 * when the model lower-cases its inputs itself, and (with the Hugging Face tokenizers through DJL) counted in code
 * points rather than UTF-16 chars. Neither the model's lower-casing nor the offsets' unit is part of {@link
 * EmbeddingModel}'s API, so both are probed once, with two texts whose offsets tell them apart; the offsets are then
 * mapped back to the span. Only a span that holds a supplementary char (for code point offsets) or a char whose lower
 * case is longer (U+0130) needs the map; every other span is placed by subtracting the prompt's length.
 */
final class SpanTokenizer {
  private static final Logger LOG = LoggerFactory.getLogger(SpanTokenizer.class);

  /** An emoji (two UTF-16 chars, one code point), a space and x: x ends at 4 in UTF-16 chars, at 3 in code points. */
  private static final String UNIT_PROBE = "\uD83D\uDE00 x";
  /** U+0130 lower-cases to two chars: x ends at 3 as given, at 4 when the model lower-cased the text first. */
  private static final String CASE_PROBE = "\u0130 x";

  private final EmbeddingModel model;
  private final EmbedOptions options;
  private final String prompt;
  private final int maxSeqLength;
  private final boolean codePointOffsets;
  private final boolean lowerCased;

  SpanTokenizer(EmbeddingModel model, EmbedOptions options) {
    this.model = model;
    // the chunker's windows may be longer than the model's window: they must be cut, never refused
    this.options = options.withTruncate(true);
    this.prompt = promptOf(model.info(), options);
    this.maxSeqLength = model.info().maxSeqLength();
    EmbedOptions bare = this.options.withPrompt("");
    int unitStop = lastStop(model, UNIT_PROBE, bare);
    int caseStop = lastStop(model, CASE_PROBE, bare);
    this.codePointOffsets = unitStop == 3;
    this.lowerCased = caseStop == 4;
    if ((unitStop != 3 && unitStop != 4) || (caseStop != 3 && caseStop != 4)) {
      LOG.warn("model {} reports unexpected token offsets (probes ended at {} and {}); chunk offsets assume UTF-16"
          + " chars of the text as given", model.info().name(), unitStop, caseStop);
    }
  }

  /** The prompt text these options prepend, as the model picks it: the literal, the named, else the default one. */
  static String promptOf(ModelInfo info, EmbedOptions options) {
    if (options.prompt() != null) {
      return options.prompt();
    }
    Prompts prompts = new Prompts(info.prompts() == null ? java.util.Map.of() : info.prompts(),
        info.defaultPromptName());
    if (options.promptName() != null) {
      return prompts.text(options.promptName());
    }
    return prompts.defaultName() == null ? "" : prompts.text(prompts.defaultName());
  }

  private static int lastStop(EmbeddingModel model, String probe, EmbedOptions options) {
    int stop = -1;
    for (TokenInfo token : model.tokenize(List.of(probe), options).get(0)) {
      if (!token.special() && token.stop() != null) {
        stop = Math.max(stop, token.stop());
      }
    }
    return stop;
  }

  int maxSeqLength() {
    return maxSeqLength;
  }

  /**
   * The tokens of {@code text.substring(from, to)} as the model reads it, placed in {@code text} within {@code [from,
   * to]}.
   */
  TokenSpans tokenize(String text, int from, int to) {
    String span = text.substring(from, to);
    List<TokenInfo> tokens = model.tokenize(List.of(span), options).get(0);
    OffsetMap map = OffsetMap.of(prompt + span, codePointOffsets, lowerCased);
    int promptLength = prompt.length();
    int[] starts = new int[tokens.size()];
    int[] stops = new int[tokens.size()];
    int count = 0;
    int specials = 0;
    int promptTokens = 0;
    for (TokenInfo token : tokens) {
      if (token.special() || token.start() == null || token.stop() == null) {
        specials++;
        continue;
      }
      int start = map.start(token.start());
      if (start < promptLength) {
        promptTokens++;
        continue;
      }
      // clamped: offsets that a tokenizer got wrong must not place a token outside the span it read
      starts[count] = Math.min(to, from + start - promptLength);
      stops[count] = Math.max(starts[count], Math.min(to, from + map.stop(token.stop()) - promptLength));
      count++;
    }
    boolean complete = tokens.size() < maxSeqLength
        || (count > 0 && stops[count - 1] >= TextChunker.trimEnd(text, from, to));
    return new TokenSpans(specials, promptTokens, Arrays.copyOf(starts, count), Arrays.copyOf(stops, count), complete);
  }

  /** From the tokenizer's offsets to UTF-16 indexes of the prompted span as given. */
  private interface OffsetMap {
    OffsetMap IDENTITY = new OffsetMap() {
      @Override
      public int start(int offset) {
        return offset;
      }

      @Override
      public int stop(int offset) {
        return offset;
      }
    };

    int start(int offset);

    int stop(int offset);

    static OffsetMap of(String given, boolean codePoints, boolean lowerCased) {
      boolean unitsDiffer = codePoints && given.codePoints().count() != given.length();
      boolean lengthsDiffer = lowerCased && given.toLowerCase(Locale.ROOT).length() != given.length();
      return unitsDiffer || lengthsDiffer ? new Table(given, codePoints, lowerCased) : IDENTITY;
    }
  }

  /** The general map: for each unit the tokenizer counted, the index of the char of the given text it came from. */
  private static final class Table implements OffsetMap {
    private final String given;
    private final int[] origin;

    Table(String given, boolean codePoints, boolean lowerCased) {
      this.given = given;
      int[] units = new int[given.length() * 2 + 1];
      int n = 0;
      for (int i = 0; i < given.length(); ) {
        int cp = given.codePointAt(i);
        String read = lowerCased ? new String(Character.toChars(cp)).toLowerCase(Locale.ROOT) : null;
        int width = read == null
            ? (codePoints ? 1 : Character.charCount(cp))
            : (codePoints ? read.codePointCount(0, read.length()) : read.length());
        for (int u = 0; u < width; u++) {
          units[n++] = i;
        }
        i += Character.charCount(cp);
      }
      units[n] = given.length();
      this.origin = Arrays.copyOf(units, n + 1);
    }

    @Override
    public int start(int offset) {
      return origin[Math.min(Math.max(offset, 0), origin.length - 1)];
    }

    @Override
    public int stop(int offset) {
      if (offset <= 0) {
        return 0;
      }
      int last = origin[Math.min(offset, origin.length - 1) - 1];
      return last + Character.charCount(given.codePointAt(last));
    }
  }
}
