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
import dev.embedkit.input.ColumnRef;
import dev.embedkit.input.HeaderMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsPairsTest {
  @TempDir Path dir;

  private StsPairs read(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return StsPairs.read(file);
  }

  private static ColumnRef col(String value) {
    return ColumnRef.parse(value, "--column");
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
    StsPairs pairs = StsPairs.read(file, col("left"), col("right"), col("score"), HeaderMode.AUTO);
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
        () -> StsPairs.read(file, col("x"), col("y"), col("gold"), HeaderMode.AUTO));
    assertTrue(e.getMessage().contains("has no column named 'gold' (--score-column); its columns are: x, y, z"), e.getMessage());
  }

  @Test
  void columnsCountFromOneAndAHeaderWithTheKnownNamesIsFound() throws Exception {
    Path file = dir.resolve("named.csv");
    Files.writeString(file, "sentence2,sentence1,score\nb,a,3\nd,c,4\n");
    StsPairs byName = StsPairs.read(file);
    assertEquals(List.of("a", "c"), byName.sentences1(), "the default columns follow the header's names");
    StsPairs byNumber = StsPairs.read(file, col("2"), col("1"), col("3"), HeaderMode.AUTO);
    assertEquals(byName.sentences1(), byNumber.sentences1());
    EmbedkitException zero = assertThrows(EmbedkitException.class, () -> col("0"));
    assertTrue(zero.getMessage().contains("column numbers start at 1"), zero.getMessage());
    Path noHeader = dir.resolve("plain.csv");
    Files.writeString(noHeader, "score,x,1\ny,z,2\n");
    assertEquals(2, StsPairs.read(noHeader, null, null, null, HeaderMode.ABSENT).size(), "--no-header keeps the first row");
  }

  @Test
  void constantGoldScoresAreRefusedWithTheReason() throws Exception {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> read("flat.csv", "a,b,3\nc,d,3\ne,f,3\n"));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("every gold score is 3.0; a correlation with constant scores is undefined"), e.getMessage());
  }

  @Test
  void aMissingFileIsNotFound() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> StsPairs.read(dir.resolve("nope.csv")));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("nope.csv"));
  }

  @Test
  void theStsBenchmarkFileHas1379Pairs() {
    Path file = dev.embedkit.eval.task.SharedData.datasets().resolve("stsb/stsb-en-test.csv");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file), "shared STS Benchmark file not present");
    StsPairs pairs = StsPairs.read(file);
    assertEquals(1379, pairs.size()); // PROVENANCE.md: 1379 rows
  }
}
