package dev.embedkit.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirDatasetTest {
  @TempDir Path dir;

  @BeforeEach
  void writeDataset() throws Exception {
    Files.writeString(dir.resolve("corpus.jsonl"), String.join("\n",
        "{\"_id\": \"d1\", \"title\": \"Cats\", \"text\": \"Cats purr.\"}",
        "{\"_id\": \"d2\", \"title\": \"\", \"text\": \" Dogs bark. \"}",
        "{\"_id\": 3, \"text\": \"No title at all.\"}", ""));
    Files.writeString(dir.resolve("queries.jsonl"), String.join("\n",
        "{\"_id\": \"q1\", \"text\": \"what do cats do\"}",
        "{\"_id\": \"q2\", \"text\": \"unjudged query\"}",
        "{\"_id\": \"q3\", \"text\": \"what do dogs do\"}", ""));
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(dir.resolve("qrels/test.tsv"),
        "query-id\tcorpus-id\tscore\nq1\td1\t1\nq3\td2\t2\nq3\tmissing-doc\t1\nq9\td1\t1\n");
  }

  @Test
  void documentsAreTitleSpaceTextStrippedAsMtebBuildsThem() {
    BeirDataset data = BeirDataset.read(dir, "test");
    assertEquals(List.of("d1", "d2", "3"), data.corpusIds());
    assertEquals(List.of("Cats Cats purr.", "Dogs bark.", "No title at all."), data.corpusTexts());
  }

  @Test
  void onlyJudgedQueriesAreEvaluatedAndUnknownIdsAreCounted() {
    BeirDataset data = BeirDataset.read(dir, "test");
    assertEquals(List.of("q1", "q3"), data.queryIds());
    assertEquals(1, data.unknownQueryJudgements());
    assertEquals(1, data.unknownDocumentJudgements());
    assertEquals(Map.of("d2", 2, "missing-doc", 1), data.qrels().get("q3"));
  }

  @Test
  void aMissingSplitListsTheSplitsThatExist() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> BeirDataset.read(dir, "dev"));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("splits: test"), e.getMessage());
  }

  @Test
  void anEmptySplitIsAnError() throws Exception {
    Files.writeString(dir.resolve("qrels/empty.tsv"), "query-id\tcorpus-id\tscore\n");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> BeirDataset.read(dir, "empty"));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("nothing to evaluate"), e.getMessage());
  }

  @Test
  void aBrokenCorpusLineNamesTheFileAndLine() throws Exception {
    Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"ok\"}\n{\"_id\": \"d2\", \"text\": \n");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> BeirDataset.read(dir, "test"));
    assertTrue(e.getMessage().contains("corpus.jsonl line 2: not valid JSON"), e.getMessage());
  }

  @Test
  void aQrelsScoreThatIsNotAnIntegerNamesTheLine() throws Exception {
    Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\tyes\n");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> BeirDataset.read(dir, "test"));
    assertTrue(e.getMessage().contains("test.tsv line 2: score 'yes' is not an integer"), e.getMessage());
  }
}
