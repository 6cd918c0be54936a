package dev.embedkit.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input layout: what becomes a text, what identifies it, and what is refused. */
class RecordReaderTest {
  @TempDir Path dir;

  private List<InputRecord> read(String name, String content, InputSpec spec) throws IOException {
    Path file = Files.writeString(dir.resolve(name), content);
    try (RecordReader reader = RecordReader.open(file, spec)) {
      return reader.readAll();
    }
  }

  private List<InputRecord> read(String name, String content) throws IOException {
    return read(name, content, InputSpec.DEFAULTS);
  }

  private EmbedkitException fails(String name, String content, InputSpec spec) {
    return assertThrows(EmbedkitException.class, () -> read(name, content, spec));
  }

  @Test
  void linesSkipEmptyAndWhitespaceOnlyLinesButKeepTheirNumbers() throws IOException {
    List<InputRecord> records = read("in.txt", "first\n\n   \n\t\nsecond\r\n  third with spaces  \n");
    assertEquals(List.of(new InputRecord("first", 1, null), new InputRecord("second", 5, null),
        new InputRecord("  third with spaces  ", 6, null)), records);
  }

  @Test
  void aJsonArrayOfStringsIsReadAsTextsWhateverItsLayout() throws IOException {
    List<String> compact = read("a.json", "[\"first text\", \"second text\"]").stream().map(InputRecord::text).toList();
    List<InputRecord> pretty = read("b.json", "[\n  \"first text\",\n  \"second text\"\n]\n");
    assertEquals(List.of("first text", "second text"), compact);
    assertEquals(List.of(new InputRecord("first text", 2, null), new InputRecord("second text", 3, null)), pretty);
  }

  @Test
  void aJsonArrayOfObjectsGivesTextsAndIds() throws IOException {
    List<InputRecord> records = read("c.json", "[{\"id\": \"a\", \"text\": \"one\"}, {\"id\": 7, \"text\": \"  \"}]");
    assertEquals(List.of(new InputRecord("one", 1, "a"), new InputRecord("  ", 1, "7")), records,
        "ids kept; a whitespace-only JSON string is a text and is kept");
    List<InputRecord> byField = read("d.json", "[{\"key\": \"k1\", \"body\": \"b\"}]", new InputSpec(null, "body", "key", null));
    assertEquals(List.of(new InputRecord("b", 1, "k1")), byField);
  }

  @Test
  void jsonThatIsNotAnArrayOfTextsIsAOneLineErrorSayingWhatIsAccepted() {
    assertTrue(fails("e.json", "{\"text\": \"x\"}", InputSpec.DEFAULTS).getMessage()
        .endsWith("holds an object at the top, not an array; a JSON input holds one array of strings or of objects "
            + "with a text field (for one value per line, use .jsonl)"));
    assertTrue(fails("f.json", "[1, 2]", InputSpec.DEFAULTS).getMessage()
        .contains("f.json element 0 (line 1) is a number; expected a string or an object with a \"text\" field"));
    assertTrue(fails("g.json", "[\"a\", ", InputSpec.DEFAULTS).getMessage().contains("is not valid JSON"));
    assertTrue(fails("h.json", "[\"a\"] [\"b\"]", InputSpec.DEFAULTS).getMessage().contains("more JSON after the array"));
    assertTrue(fails("i.json", "", InputSpec.DEFAULTS).getMessage().contains("is empty"));
  }

  @Test
  void jsonLinesTakeStringsAndObjectsAndNameTheBadLine() throws IOException {
    assertEquals(List.of(new InputRecord("first", 1, null), new InputRecord("second", 3, "s")),
        read("a.jsonl", "\"first\"\n\n{\"text\": \"second\", \"id\": \"s\"}\n"));
    EmbedkitException e = fails("b.jsonl", "{\"text\":\"a\"}\n{\"body\":\"b\"}\n", InputSpec.DEFAULTS);
    assertTrue(e.getMessage().startsWith(dir.resolve("b.jsonl") + " line 2 has no \"text\" field"), e.getMessage());
  }

  @Test
  void csvFindsTheHeaderByTheNamesItLooksForAndCountsColumnsFromOne() throws IOException {
    assertEquals(List.of(new InputRecord("first", 2, "1"), new InputRecord("second", 3, "2")),
        read("a.csv", "id,text\n1,first\n2,\"second\"\n"));
    // a header holding "text": --field 2 is its second column, and the header is not a text
    assertEquals(List.of("first", "second"), read("b.csv", "id,text\n1,first\n2,second\n", new InputSpec(null, "2", null, null))
        .stream().map(InputRecord::text).toList());
    // no known name: the first row is data, the first column the text
    assertEquals(List.of("alpha", "beta"), read("c.csv", "alpha,x\nbeta,y\n").stream().map(InputRecord::text).toList());
    // --header / --no-header decide
    assertEquals(List.of("beta"), read("d.csv", "alpha,x\nbeta,y\n", new InputSpec(null, null, null, HeaderMode.PRESENT))
        .stream().map(InputRecord::text).toList());
    assertEquals(List.of("text", "a"), read("e.csv", "text\na\n", new InputSpec(null, null, null, HeaderMode.ABSENT))
        .stream().map(InputRecord::text).toList());
    EmbedkitException zero = fails("f.csv", "a,b\n", new InputSpec(null, "0", null, null));
    assertEquals("--field: column numbers start at 1 (the first column is 1); got 0", zero.getMessage());
  }

  @Test
  void csvLineNumbersCountBlankLinesAndQuotedLineBreaks() throws IOException {
    List<InputRecord> records = read("g.csv", "text\n\"two\nlines\"\n\nafter\n");
    assertEquals(List.of(new InputRecord("two\nlines", 2, null), new InputRecord("after", 5, null)), records);
    assertEquals(List.of(new InputRecord("a", 2, null), new InputRecord("b", 5, null)),
        read("crlf.csv", "text\r\na\r\n\r\n\r\nb\r\n"));
  }

  @Test
  void malformedCsvSaysWhereAndWhatWithoutJavaClassNames() {
    EmbedkitException e = fails("h.csv", "text\nok\n\"never closed\n", InputSpec.DEFAULTS);
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().startsWith(dir.resolve("h.csv") + " line 3: malformed CSV ("), e.getMessage());
    assertTrue(!e.getMessage().contains("Exception") && !e.getMessage().contains("org.apache"), e.getMessage());
  }

  @Test
  void invalidUtf8NamesTheLineAndOffset() throws IOException {
    Path bad = dir.resolve("bad.txt");
    Files.write(bad, new byte[] {'o', 'k', '\n', 'a', (byte) 0xff, '\n'});
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> {
      try (RecordReader reader = RecordReader.open(bad, InputSpec.DEFAULTS)) {
        reader.readAll();
      }
    });
    assertEquals(bad + " line 2 is not valid UTF-8 (byte offset 4); embedkit reads UTF-8 text", e.getMessage());
  }

  @Test
  void fieldsOnPlainLinesAreRefusedNotIgnored() {
    EmbedkitException e = fails("in.txt", "a\n", new InputSpec(null, "text", null, null));
    assertTrue(e.getMessage().contains("--field and --id-field apply to .jsonl, .json, .csv and .tsv input"), e.getMessage());
  }

  @Test
  void aStreamIsReadAsItArrives() throws Exception {
    PipedOutputStream writer = new PipedOutputStream();
    InputStream in = new PipedInputStream(writer);
    try (RecordReader reader = RecordReader.open(in, "stdin", InputSpec.DEFAULTS)) {
      writer.write("first\n".getBytes(StandardCharsets.UTF_8));
      writer.flush();
      assertEquals(new InputRecord("first", 1, null), reader.next(), "the first line is read before the stream ends");
      assertTrue(!reader.ready(), "nothing more has arrived");
      writer.write("second\n".getBytes(StandardCharsets.UTF_8));
      writer.close();
      assertEquals(new InputRecord("second", 2, null), reader.next());
      assertNull(reader.next());
    }
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstText() throws IOException {
    Path file = dir.resolve("bom.txt");
    Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i', '\n'});
    try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(Files.readAllBytes(file)), "x", InputSpec.DEFAULTS)) {
      assertEquals("hi", reader.next().text());
    }
  }
}
