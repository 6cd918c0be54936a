package dev.embedkit.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import dev.embedkit.EmbedkitException;
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

  public TextTokenizer(Path tokenizerFile, int maxLength) {
    this.maxLength = maxLength;
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
