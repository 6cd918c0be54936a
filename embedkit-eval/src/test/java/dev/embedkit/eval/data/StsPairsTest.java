package dev.embedkit.eval.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsPairsTest {
  @TempDir Path dir;

  private StsPairs read(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return StsPairs.read(file, StsPairs.DEFAULT_SENTENCE1, StsPairs.DEFAULT_SENTENCE2, StsPairs.DEFAULT_SCORE);
  }

  @Test
  void quotedFieldsKeepTheirCommasAndQuotes() throws Exception {
    StsPairs pairs = read("p.csv", "\"Hello, world\",\"She said \"\"hi\"\"\",4.5\nplain,text,1\n");
    assertEquals(List.of("Hello, world", "plain"), pairs.sentences1());
    assertEquals("She said \"hi\"", pairs.sentences2().get(0));
    assertArrayEquals(new double[] {4.5, 1.0}, pairs.scores());
  }

  @Test
  void aHeaderRowIsSkippedWhenItsScoreIsNotANumber() throws Exception {
    StsPairs pairs = read("p.tsv", "s1\ts2\tscore\na\tb\t1\nc\td\t2\n");
    assertEquals(2, pairs.size());
  }

  @Test
  void columnsCanBeChosenByHeaderName() throws Exception {
    Path file = dir.resolve("named.csv");
    Files.writeString(file, "score,left,right\n3,a,b\n4,c,d\n");
    StsPairs pairs = StsPairs.read(file, Column.parse("left"), Column.parse("right"), Column.parse("score"));
    assertEquals(List.of("a", "c"), pairs.sentences1());
    assertArrayEquals(new double[] {3, 4}, pairs.scores());
  }

  @Test
  void aNonNumericScoreNamesTheFileAndLine() throws Exception {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> read("bad.csv", "a,b,1\nc,d,2\ne,f,high\n"));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("bad.csv line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("'high'"), e.getMessage());
  }

  @Test
  void aShortRowNamesTheFileAndLine() throws Exception {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> read("short.csv", "a,b,1\nonly-one\n"));
    assertTrue(e.getMessage().contains("short.csv line 2: expected at least 3 columns"), e.getMessage());
  }

  @Test
  void anUnknownColumnNameListsTheColumns() throws Exception {
    Path file = dir.resolve("h.csv");
    Files.writeString(file, "x,y,z\na,b,1\n");
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> StsPairs.read(file, Column.parse("x"), Column.parse("y"), Column.parse("gold")));
    assertTrue(e.getMessage().contains("no column 'gold'; columns are: x, y, z"), e.getMessage());
  }

  @Test
  void aMissingFileIsNotFound() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> StsPairs.read(dir.resolve("nope.csv"),
        StsPairs.DEFAULT_SENTENCE1, StsPairs.DEFAULT_SENTENCE2, StsPairs.DEFAULT_SCORE));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("nope.csv"));
  }

  @Test
  void theStsBenchmarkFileHas1379Pairs() {
    Path file = dev.embedkit.eval.task.SharedData.datasets().resolve("stsb/stsb-en-test.csv");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file), "shared STS Benchmark file not present");
    StsPairs pairs = StsPairs.read(file, StsPairs.DEFAULT_SENTENCE1, StsPairs.DEFAULT_SENTENCE2, StsPairs.DEFAULT_SCORE);
    assertEquals(1379, pairs.size()); // PROVENANCE.md: 1379 rows
  }
}
