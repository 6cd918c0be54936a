package dev.embedkit.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.TokenInfo;
import dev.embedkit.model.EmbedkitHome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Hugging Face tokenizer (tokenizer.json, through ai.djl.huggingface:tokenizers) set up for embedding: special
 * tokens added, truncation at the model's max sequence length, no padding (batches are padded to their longest
 * input). Whatever truncation and padding the file itself declares is overridden: the built-in packs' files say
 * 128 tokens with fixed padding, which is not what their models were trained with.
 */
public final class TextTokenizer implements AutoCloseable {
  /**
   * Where DJL extracts its native library: with embedkit's other caches, unless DJL_CACHE_DIR is set (then null).
   * Set, with DJL's other settings (no telemetry, no downloads), before any DJL class loads.
   */
  private static final Path NATIVE_CACHE = NativeTokenizerSettings.apply();

  /** Characters kept per token of the max length before a text is encoded from a prefix (see {@link #encodeAll}). */
  public static final int MAXIMUM_CHARS_PER_TOKEN = 100;

  private final HuggingFaceTokenizer tokenizer;
  private final int maxLength;
  private final long vocabularySize;

  public TextTokenizer(Path tokenizerFile, int maxLength) {
    this.maxLength = maxLength;
    this.vocabularySize = readVocabularySize(tokenizerFile);
    if (NATIVE_CACHE != null) {
      // Else a home that is a file fails inside DJL as "Failed to load Huggingface native library".
      EmbedkitHome.createFolder(NATIVE_CACHE);
    }
    try {
      this.tokenizer = HuggingFaceTokenizer.builder()
          .optTokenizerPath(tokenizerFile)
          .optAddSpecialTokens(true)
          .optTruncation(true)
          .optMaxLength(maxLength)
          .optPadding(false)
          .build();
    } catch (IOException | RuntimeException e) {
      throw EmbedkitException.model("cannot load tokenizer " + tokenizerFile + ": " + e.getMessage(), e);
    }
  }

  /** Tokens kept per input, special tokens included. */
  public int maxLength() {
    return maxLength;
  }

  public Tokens encode(String text) {
    return toTokens(tokenizer.encode(text));
  }

  /**
   * Encodes many texts; the native library spreads the work over the available cores. Reads only ids, type ids and
   * the overflow count from each native encoding: DJL's {@code Encoding} also builds token strings and character
   * spans, which made encoding twice as slow (about 100 us a sentence against 55 here).
   *
   * <p>Texts longer than {@link #maximumChars()} (a guard against megabyte inputs) are not tokenised whole: each is
   * encoded from a prefix that ends before a whitespace character and already overflows the model's window, which
   * gives the same window as the whole text (a word-splitting tokenizer never lets a later word change an earlier
   * word's tokens) and is reported as truncated, as the whole text would be. A prefix that does not fill the window
   * (say, 26,000 spaces before "hello world") is doubled until it does or the whole text is read, so nothing that
   * would fit in the window is lost.
   */
  public Tokens[] encodeAll(List<String> texts) {
    int limit = maximumChars();
    List<String> ordinary = new ArrayList<>(texts.size());
    List<Integer> ordinaryIndex = new ArrayList<>(texts.size());
    Tokens[] result = new Tokens[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text.length() > limit) {
        result[i] = encodeLong(text, limit);
      } else {
        ordinary.add(text);
        ordinaryIndex.add(i);
      }
    }
    if (!ordinary.isEmpty()) {
      Tokens[] encoded = encodeNative(ordinary);
      for (int j = 0; j < encoded.length; j++) {
        result[ordinaryIndex.get(j)] = encoded[j];
      }
    }
    return result;
  }

  /** Characters a text may have before it is encoded from a prefix: {@value #MAXIMUM_CHARS_PER_TOKEN} per token. */
  public int maximumChars() {
    return maxLength * MAXIMUM_CHARS_PER_TOKEN;
  }

  private Tokens encodeLong(String text, int limit) {
    for (int prefix = limit; ; prefix = prefix > text.length() / 2 ? text.length() : prefix * 2) {
      if (prefix >= text.length()) {
        return encode(text);
      }
      Tokens tokens = encode(text.substring(0, cutBefore(text, prefix)));
      if (tokens.truncated()) {
        return tokens;
      }
    }
  }

  /** The end of a prefix of at most {@code limit} chars: before the last whitespace in its second half, if any. */
  static int cutBefore(String text, int limit) {
    for (int i = limit; i > limit / 2; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
  }

  private Tokens[] encodeNative(List<String> texts) {
    long[] handles = TokenizersLibrary.LIB.batchEncode(tokenizer.getHandle(), texts.toArray(new String[0]), true);
    Tokens[] result = new Tokens[handles.length];
    try {
      for (int i = 0; i < handles.length; i++) {
        result[i] = new Tokens(TokenizersLibrary.LIB.getTokenIds(handles[i]), TokenizersLibrary.LIB.getTypeIds(handles[i]),
            TokenizersLibrary.LIB.getOverflowCount(handles[i]) > 0);
      }
    } finally {
      for (long handle : handles) {
        TokenizersLibrary.LIB.deleteEncoding(handle);
      }
    }
    return result;
  }

  /** The tokens of one text with their spelling, offsets and whether the tokenizer added them. */
  public List<TokenInfo> describe(String text) {
    Encoding encoding = tokenizer.encode(text);
    long[] ids = encoding.getIds();
    String[] spelled = encoding.getTokens();
    long[] special = encoding.getSpecialTokenMask();
    CharSpan[] spans = encoding.getCharTokenSpans();
    List<TokenInfo> out = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      boolean isSpecial = special[i] == 1;
      CharSpan span = spans == null || i >= spans.length ? null : spans[i];
      boolean located = !isSpecial && span != null;
      out.add(new TokenInfo(ids[i], spelled[i], isSpecial, located ? span.getStart() : null, located ? span.getEnd() : null));
    }
    return out;
  }

  /**
   * Token ids of the vocabulary framed by the special tokens the tokenizer adds around a text ([CLS] ... [SEP]), cut
   * to the max length (reported as truncated) when too long.
   */
  public Tokens frame(long[] ids) {
    long[] empty = encode("").ids();
    long[] one = encode("a").ids();
    int prefix = 0;
    while (prefix < empty.length && prefix < one.length && empty[prefix] == one[prefix]) {
      prefix++;
    }
    int room = Math.max(0, maxLength - empty.length);
    int kept = Math.min(ids.length, room);
    long[] framed = new long[empty.length + kept];
    System.arraycopy(empty, 0, framed, 0, prefix);
    System.arraycopy(ids, 0, framed, prefix, kept);
    System.arraycopy(empty, prefix, framed, prefix + kept, empty.length - prefix);
    return new Tokens(framed, new long[framed.length], kept < ids.length);
  }

  /** One more than the largest token id in tokenizer.json (its model's vocabulary and its added tokens). */
  public long vocabularySize() {
    return vocabularySize;
  }

  private static long readVocabularySize(Path tokenizerFile) {
    try {
      JsonNode root = new ObjectMapper().readTree(tokenizerFile.toFile());
      long max = -1;
      JsonNode vocab = root.path("model").path("vocab");
      if (vocab.isObject()) {
        for (JsonNode id : (Iterable<JsonNode>) vocab::elements) {
          max = Math.max(max, id.asLong());
        }
      } else if (vocab.isArray()) {
        max = vocab.size() - 1;
      }
      for (JsonNode added : root.path("added_tokens")) {
        max = Math.max(max, added.path("id").asLong(-1));
      }
      return max + 1;
    } catch (IOException e) {
      throw EmbedkitException.model("cannot read the vocabulary of " + tokenizerFile + ": " + e.getMessage(), e);
    }
  }

  /** DJL's own route, kept for the test that proves {@link #encodeAll} agrees with it. */
  Tokens[] encodeAllThroughDjl(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    Tokens[] result = new Tokens[encodings.length];
    for (int i = 0; i < encodings.length; i++) {
      result[i] = toTokens(encodings[i]);
    }
    return result;
  }

  private static Tokens toTokens(Encoding encoding) {
    return new Tokens(encoding.getIds(), encoding.getTypeIds(), encoding.exceedMaxLength());
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
