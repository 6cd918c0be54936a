package dev.embedkit.store.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.TokenInfo;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.ChunkSettings;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextChunkerTest {
  private static final EmbedOptions PROMPTED = EmbedOptions.DEFAULTS.withPrompt("query: ");
  private static EmbeddingModel model;

  @BeforeAll
  static void load() {
    model = Embedkit.load("all-minilm-l6-v2");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void aTextThatFitsIsOneChunkCoveringItWholeWhitespaceIncluded() {
    String text = "  The weather is lovely today.\n";
    List<Chunk> chunks = new TextChunker(model, ChunkSettings.DEFAULTS, EmbedOptions.DEFAULTS).split(text);
    assertEquals(List.of(new Chunk(0, 0, text.length(), text)), chunks);
  }

  @Test
  void everyChunkFitsTheModelsWindowUntruncatedAndTheChunksCoverTheText() {
    String text = Texts.sentences(1, 400);
    for (EmbedOptions options : List.of(EmbedOptions.DEFAULTS, PROMPTED)) {
      TextChunker chunker = new TextChunker(model, ChunkSettings.DEFAULTS, options);
      assertEquals(256, chunker.limit());
      List<Chunk> chunks = chunker.split(text);
      assertTrue(chunks.size() > 10, "chunks: " + chunks.size());
      checkChunks(text, chunks, options, 256);
    }
  }

  @Test
  void aSmallerChunkSizeIsTheLimitAndChunksArePackedUpToIt() {
    String text = Texts.sentences(2, 100);
    TextChunker chunker = new TextChunker(model, new ChunkSettings(64, 8, false), PROMPTED);
    List<Chunk> chunks = chunker.split(text);
    checkChunks(text, chunks, PROMPTED, 64);
    for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
      // a cut inside a word may read as one token more or less on its own
      assertTrue(count(chunk.text(), PROMPTED) >= 62, chunk + " has " + count(chunk.text(), PROMPTED) + " tokens");
    }
  }

  @Test
  void theNextChunkStartsAtTheTokenOverlapTokensBeforeThePreviousEnd() {
    String text = Texts.sentences(3, 60);
    for (EmbedOptions options : List.of(EmbedOptions.DEFAULTS, PROMPTED)) {
      List<Chunk> chunks = new TextChunker(model, new ChunkSettings(48, 10, false), options).split(text);
      int promptLength = options.prompt() == null ? 0 : options.prompt().length();
      for (int i = 0; i + 1 < chunks.size(); i++) {
        Chunk chunk = chunks.get(i);
        List<TokenInfo> own = model.tokenize(List.of(chunk.text()), options).get(0).stream()
            .filter(t -> !t.special() && t.start() >= promptLength).toList();
        int expected = chunk.start() + own.get(own.size() - 10).start() - promptLength;
        assertEquals(expected, chunks.get(i + 1).start(), "chunk " + (i + 1) + " of " + chunks.size());
      }
    }
  }

  @Test
  void sentenceAwareChunksEndAtTheLastSentenceEndInTheLastQuarter() {
    String text = Texts.sentences(4, 120);
    List<Chunk> aware = new TextChunker(model, new ChunkSettings(64, 8, true), EmbedOptions.DEFAULTS).split(text);
    checkChunks(text, aware, EmbedOptions.DEFAULTS, 64);
    for (Chunk chunk : aware.subList(0, aware.size() - 1)) {
      assertTrue(chunk.text().endsWith("."), "ends mid-sentence: ..." + tail(chunk.text()));
      assertTrue(count(chunk.text(), EmbedOptions.DEFAULTS) >= 64 * 3 / 4 - 2, chunk.toString());
    }
    List<Chunk> plain = new TextChunker(model, new ChunkSettings(64, 8, false), EmbedOptions.DEFAULTS).split(text);
    assertTrue(plain.stream().anyMatch(c -> !c.text().endsWith(".")), "a token cut should land mid-sentence");
  }

  @Test
  void withoutASentenceEndInTheLastQuarterAChunkEndsAtTheTokenBoundary() {
    String text = Texts.words(5, 2000); // no full stops at all
    List<Chunk> chunks = new TextChunker(model, new ChunkSettings(64, 8, true), EmbedOptions.DEFAULTS).split(text);
    checkChunks(text, chunks, EmbedOptions.DEFAULTS, 64);
    assertTrue(count(chunks.get(0).text(), EmbedOptions.DEFAULTS) >= 62);
  }

  @Test
  void offsetsAreRightWhateverTheModelsCaseAndOffsetHabits() {
    // U+0130 lower-cases to two chars; emoji are two UTF-16 chars but one code point (DJL's offsets count those)
    String text = Texts.sentences(6, 80).replace("e", "\u0130").replace("o", "\uD83D\uDE00");
    ChunkSettings settings = new ChunkSettings(48, 6, true);
    List<Chunk> expected = new TextChunker(model, settings, PROMPTED).split(text);
    checkChunks(text, expected, PROMPTED, 48);
    for (boolean lower : List.of(false, true)) {
      for (boolean utf16 : List.of(false, true)) {
        ReshapedModel reshaped = new ReshapedModel(model, lower, utf16);
        assertEquals(expected, new TextChunker(reshaped, settings, PROMPTED).split(text),
            "lower-cased " + lower + ", UTF-16 offsets " + utf16);
      }
    }
  }

  @Test
  void aTokenWiderThanTheWindowStillMovesOn() {
    // one "word" of 60,000 chars reads as a single [UNK]: chunks of at most limit x 100 chars, none empty
    String text = "start " + "a".repeat(60_000) + " end";
    List<Chunk> chunks = new TextChunker(model, new ChunkSettings(32, 4, true), EmbedOptions.DEFAULTS).split(text);
    checkChunks(text, chunks, EmbedOptions.DEFAULTS, 32);
    assertTrue(chunks.size() >= 3, "chunks: " + chunks.size());
    assertTrue(chunks.stream().allMatch(c -> c.text().length() <= 3200), "a chunk is wider than 32 x 100 chars");
    // a 5,000-char word in a short text is one token: the text fits whole
    String word = "x".repeat(5000) + " then words";
    assertEquals(1, new TextChunker(model, ChunkSettings.DEFAULTS, EmbedOptions.DEFAULTS).split(word).size());
  }

  @Test
  void pathologicalTextsAreChunkedWithinTheLimit() {
    TextChunker chunker = new TextChunker(model, new ChunkSettings(40, 5, true), EmbedOptions.DEFAULTS);
    List<String> texts = List.of(
        "!".repeat(3000),                             // every char a token
        "a ".repeat(3000),                            // tokens of one char between spaces
        "\uD83D\uDE00".repeat(2000),                  // supplementary chars, each an [UNK]
        "word " + " ".repeat(100_000) + "another",    // a gap wider than any window
        "\u4e2d\u6587\u5b57".repeat(1000),            // CJK: a token per char, no spaces
        "Dr. A. B. Smith. ".repeat(300) + "Mr.".repeat(500));
    for (String text : texts) {
      List<Chunk> chunks = chunker.split(text);
      checkChunks(text, chunks, EmbedOptions.DEFAULTS, 40);
    }
  }

  @Test
  void aMegabyteTextIsChunkedInSeconds() {
    String text = Texts.sentences(7, 20_000);
    assertTrue(text.length() > 1_000_000, "length " + text.length());
    TextChunker chunker = new TextChunker(model, ChunkSettings.DEFAULTS, EmbedOptions.DEFAULTS);
    long started = System.nanoTime();
    List<Chunk> chunks = chunker.split(text);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("1 MB text: %d chunks in %.2f s%n", chunks.size(), seconds);
    assertTrue(seconds < 60, seconds + " s");
    checkCoverage(text, chunks);
  }

  @Test
  void oneChunkerSplitsOnManyThreadsAtOnceAsItDoesOnOne() throws Exception {
    TextChunker chunker = new TextChunker(model, new ChunkSettings(64, 8, true), EmbedOptions.DEFAULTS);
    List<String> texts = List.of(Texts.sentences(10, 200), Texts.sentences(11, 200), Texts.sentences(12, 200));
    List<List<Chunk>> expected = texts.stream().map(chunker::split).toList();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<Chunk>>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String text = texts.get(i % 3);
        futures.add(pool.submit(() -> chunker.split(text)));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertEquals(expected.get(i % 3), futures.get(i).get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void blankTextsAreRefused() {
    TextChunker chunker = new TextChunker(model, ChunkSettings.DEFAULTS, EmbedOptions.DEFAULTS);
    for (String text : new String[] {"", " \n\t ", null}) {
      EmbedkitException e = assertThrows(EmbedkitException.class, () -> chunker.split(text));
      assertTrue(e.getMessage().startsWith("cannot chunk a "), e.getMessage());
    }
  }

  @Test
  void aPromptThatFillsTheChunkIsRefused() {
    EmbedOptions longPrompt = EmbedOptions.DEFAULTS.withPrompt("represent this sentence for searching: ");
    TextChunker chunker = new TextChunker(model, new ChunkSettings(8, 0, false), longPrompt);
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> chunker.split(Texts.sentences(8, 20)));
    assertEquals("a chunk may have 8 tokens, and the model's special tokens (2) and the prompt (6) take them all;"
        + " raise the chunk size", e.getMessage());
  }

  /** Each chunk is its span of the text, trimmed, fits the limit untruncated; together they cover the text. */
  private static void checkChunks(String text, List<Chunk> chunks, EmbedOptions options, int limit) {
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      assertEquals(i, chunk.index());
      assertEquals(text.substring(chunk.start(), chunk.end()), chunk.text());
      assertFalse(chunk.text().isBlank(), chunk.toString());
      if (chunks.size() > 1) {
        assertFalse(Character.isWhitespace(chunk.text().charAt(0)), "starts with whitespace: " + chunk);
        assertFalse(Character.isWhitespace(chunk.text().charAt(chunk.text().length() - 1)), "ends with it: " + chunk);
      }
      assertFalse(Character.isLowSurrogate(text.charAt(chunk.start())), "starts mid-pair: " + chunk.start());
      assertFalse(chunk.end() < text.length() && Character.isLowSurrogate(text.charAt(chunk.end())), "ends mid-pair");
      // truncate=false: a chunk longer than the model's window fails here instead of being counted short
      int tokens = count(chunk.text(), options);
      assertTrue(tokens <= limit, "chunk " + i + " has " + tokens + " tokens; limit " + limit);
    }
    checkCoverage(text, chunks);
  }

  private static void checkCoverage(String text, List<Chunk> chunks) {
    int covered = 0;
    for (Chunk chunk : chunks) {
      assertTrue(text.substring(covered, Math.max(covered, chunk.start())).isBlank(),
          "not covered: " + covered + " to " + chunk.start());
      assertTrue(chunk.end() > covered, "no progress at " + chunk);
      covered = chunk.end();
    }
    assertTrue(text.substring(covered).isBlank(), "not covered after " + covered);
  }

  private static int count(String text, EmbedOptions options) {
    return model.countTokens(List.of(text), options.withTruncate(false))[0];
  }

  private static String tail(String text) {
    return text.substring(Math.max(0, text.length() - 40));
  }

  /** Seeded English-like texts. */
  static final class Texts {
    private static final String[] WORDS = ("the a of river mountain quickly embedding vector search document"
        + " unaffable tokenizer window sentence boundary lucene index chunk overlap model prompt weather today"
        + " interesting considerable transformation extraordinarily is was will be and or but with from").split(" ");

    static String sentences(long seed, int count) {
      Random random = new Random(seed);
      StringBuilder out = new StringBuilder();
      for (int s = 0; s < count; s++) {
        int words = 4 + random.nextInt(7);
        for (int w = 0; w < words; w++) {
          String word = WORDS[random.nextInt(WORDS.length)];
          out.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
          out.append(w + 1 < words ? (random.nextInt(12) == 0 ? ", " : " ") : ".");
        }
        out.append(random.nextInt(8) == 0 ? "\n\n" : " ");
      }
      return out.toString();
    }

    static String words(long seed, int count) {
      Random random = new Random(seed);
      StringBuilder out = new StringBuilder();
      for (int w = 0; w < count; w++) {
        out.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
      return out.toString();
    }
  }
}
