package dev.embedkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
  @Test
  void sameSeedGivesTheSameSentences() {
    assertEquals(Corpus.DEFAULT.sentences(), Corpus.DEFAULT.sentences());
  }

  @Test
  void anotherSeedGivesOtherSentences() {
    Corpus other = new Corpus(Corpus.DEFAULT_SEED + 1, 50, Corpus.DEFAULT_MIN_WORDS, Corpus.DEFAULT_MAX_WORDS);
    assertNotEquals(Corpus.DEFAULT.withSize(50).sentences(), other.sentences());
  }

  @Test
  void aSmallerCorpusIsAPrefixOfTheLargerOne() {
    List<String> all = Corpus.DEFAULT.sentences();
    assertEquals(all.subList(0, 100), Corpus.DEFAULT.withSize(100).sentences());
  }

  @Test
  void sentencesHaveWordCountsInRangeAndEndWithPunctuation() {
    List<String> sentences = Corpus.DEFAULT.sentences();
    assertEquals(Corpus.DEFAULT_SIZE, sentences.size());
    int shortest = Integer.MAX_VALUE;
    int longest = 0;
    for (String s : sentences) {
      int words = s.split(" ").length;
      shortest = Math.min(shortest, words);
      longest = Math.max(longest, words);
      assertTrue(Character.isUpperCase(s.charAt(0)) || Character.isDigit(s.charAt(0)), s);
      assertTrue(".?!".indexOf(s.charAt(s.length() - 1)) >= 0, s);
    }
    // 2000 uniform draws cover both ends of the range
    assertEquals(Corpus.DEFAULT_MIN_WORDS, shortest);
    assertEquals(Corpus.DEFAULT_MAX_WORDS, longest);
  }

  @Test
  void writtenCorpusReadsBackUnchanged(@TempDir Path dir) {
    List<String> sentences = Corpus.DEFAULT.withSize(200).sentences();
    Path file = dir.resolve("corpus.txt");
    Corpus.write(sentences, file);
    assertEquals(sentences, Corpus.read(file));
  }

  @Test
  void badSizesAreRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Corpus(1, 0, 5, 10));
    assertTrue(e.getMessage().contains("size=0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Corpus(1, 10, 8, 5));
  }
}
