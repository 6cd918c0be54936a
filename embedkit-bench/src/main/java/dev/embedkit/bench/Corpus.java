package dev.embedkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fixed benchmark corpus: English-like sentences generated from a checked-in word list ({@code words.txt}) by
 * {@link java.util.Random}, whose algorithm the Java specification fixes, so a seed gives the same sentences on every
 * JDK and machine. Each sentence has a word count drawn uniformly from {@code [minWords, maxWords]}, a capitalised
 * first word, a comma after about one word in twelve and a final '.', '?' or '!'. With the defaults (seed 42, 2000
 * sentences, 5 to 55 words) all-MiniLM-L6-v2's tokenizer reads 8 to 72 tokens per sentence, special tokens included.
 *
 * @param seed random seed
 * @param size number of sentences
 * @param minWords fewest words in a sentence
 * @param maxWords most words in a sentence
 */
public record Corpus(long seed, int size, int minWords, int maxWords) {
  public static final long DEFAULT_SEED = 42L;
  public static final int DEFAULT_SIZE = 2000;
  public static final int DEFAULT_MIN_WORDS = 5;
  public static final int DEFAULT_MAX_WORDS = 55;
  public static final Corpus DEFAULT = new Corpus(DEFAULT_SEED, DEFAULT_SIZE, DEFAULT_MIN_WORDS, DEFAULT_MAX_WORDS);
  static final String WORDS_RESOURCE = "/dev/embedkit/bench/words.txt";
  private static final double COMMA_RATE = 1.0 / 12;

  public Corpus {
    if (size <= 0) {
      throw new IllegalArgumentException("corpus size must be positive; size=" + size);
    }
    if (minWords <= 0 || maxWords < minWords) {
      throw new IllegalArgumentException("word counts must satisfy 0 < minWords <= maxWords; minWords=" + minWords
          + " maxWords=" + maxWords);
    }
  }

  public Corpus withSize(int newSize) {
    return new Corpus(seed, newSize, minWords, maxWords);
  }

  /** The sentences, the same for the same record on every run. */
  public List<String> sentences() {
    List<String> words = words();
    Random random = new Random(seed);
    List<String> sentences = new ArrayList<>(size);
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < size; s++) {
      sb.setLength(0);
      int count = minWords + random.nextInt(maxWords - minWords + 1);
      for (int w = 0; w < count; w++) {
        String word = words.get(random.nextInt(words.size()));
        if (w == 0) {
          sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        } else {
          sb.append(' ').append(word);
        }
        if (w < count - 1 && w > 0 && random.nextDouble() < COMMA_RATE) {
          sb.append(',');
        }
      }
      double end = random.nextDouble();
      sb.append(end < 0.8 ? '.' : end < 0.9 ? '?' : '!');
      sentences.add(sb.toString());
    }
    return sentences;
  }

  /** One line per sentence: how the parent hands the corpus to each child JVM. */
  public static void write(List<String> sentences, Path file) {
    try {
      Files.write(file, sentences, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the corpus to " + file, e);
    }
  }

  public static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the corpus from " + file, e);
    }
  }

  @Override
  public String toString() {
    return size + " sentences of " + minWords + "-" + maxWords + " words, seed " + seed;
  }

  static List<String> words() {
    try (InputStream in = Corpus.class.getResourceAsStream(WORDS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("word list " + WORDS_RESOURCE + " is missing from the build");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the word list " + WORDS_RESOURCE, e);
    }
  }
}
