package dev.embedkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the texts to embed from a file or stdin: one per line, JSON Lines (a string, or an object with a text field),
 * or CSV/TSV (a column by name or 1-based number). Files must be UTF-8; a byte that is not ends the read with the line
 * it is on.
 */
final class TextInputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the input file is laid out. */
  enum Format {
    AUTO, LINES, JSONL, CSV, TSV;

    Format resolve(String source) {
      if (this != AUTO) {
        return this;
      }
      String name = source.toLowerCase(Locale.ROOT);
      if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
        return JSONL;
      }
      if (name.endsWith(".csv")) {
        return CSV;
      }
      if (name.endsWith(".tsv")) {
        return TSV;
      }
      return LINES;
    }
  }

  private TextInputs() {}

  static List<String> readFile(Path file, Format format, String field) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw EmbedkitException.notFound("input file " + file + " does not exist");
    } catch (IOException e) {
      throw EmbedkitException.invalidInput("cannot read input file " + file + ": " + e.getMessage());
    }
    return parse(decode(bytes, file.toString()), file.toString(), format.resolve(file.toString()), field);
  }

  static List<String> readStream(InputStream in, Format format, String field) {
    try {
      return parse(decode(in.readAllBytes(), "stdin"), "stdin", format == Format.AUTO ? Format.LINES : format, field);
    } catch (IOException e) {
      throw EmbedkitException.invalidInput("cannot read stdin: " + e.getMessage());
    }
  }

  /** Strict UTF-8 decoding; the message names the line of the first bad byte. A leading BOM is dropped. */
  static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw EmbedkitException.invalidInput(source + " line " + line + " is not valid UTF-8 (byte offset " + in.position()
          + "); embedkit reads UTF-8 text");
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  static List<String> parse(String content, String source, Format format, String field) {
    switch (format) {
      case JSONL:
        return jsonLines(content, source, field == null ? "text" : field);
      case CSV:
      case TSV:
        return csv(content, source, format == Format.TSV ? '\t' : ',', field);
      default:
        return lines(content);
    }
  }

  /** Non-empty lines, without their line terminators. */
  static List<String> lines(String content) {
    List<String> texts = new ArrayList<>();
    for (String line : content.split("\n", -1)) {
      String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    return texts;
  }

  private static List<String> jsonLines(String content, String source, String field) {
    List<String> texts = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw EmbedkitException.invalidInput(source + " line " + (i + 1) + " is not valid JSON: " + e.getOriginalMessage()
            + "; JSON Lines input holds one string or object per line");
      }
      JsonNode text = node.isObject() ? node.get(field) : node;
      if (text == null) {
        throw EmbedkitException.invalidInput(source + " line " + (i + 1) + " has no \"" + field
            + "\" field; name the field with --field");
      }
      if (!text.isTextual()) {
        throw EmbedkitException.invalidInput(source + " line " + (i + 1) + ": \"" + field + "\" is " + text.getNodeType()
            .toString().toLowerCase(Locale.ROOT) + ", expected a string");
      }
      texts.add(text.asText());
    }
    return texts;
  }

  private static List<String> csv(String content, String source, char delimiter, String column) {
    List<CSVRecord> records;
    try {
      records = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get().parse(new StringReader(content)).getRecords();
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw EmbedkitException.invalidInput(source + " is not valid CSV: " + e.getMessage());
    }
    if (records.isEmpty()) {
      return List.of();
    }
    int index;
    boolean header;
    if (column != null && column.chars().allMatch(Character::isDigit) && !column.isEmpty()) {
      index = Integer.parseInt(column) - 1;
      header = false;
      if (index < 0) {
        throw EmbedkitException.invalidInput("--field column numbers start at 1; got " + column);
      }
    } else {
      String wanted = column == null ? "text" : column;
      CSVRecord first = records.get(0);
      index = -1;
      for (int i = 0; i < first.size(); i++) {
        if (first.get(i).strip().equalsIgnoreCase(wanted)) {
          index = i;
        }
      }
      header = index >= 0;
      if (index < 0) {
        if (column != null) {
          throw EmbedkitException.invalidInput(source + " has no column named \"" + column + "\"; its first row is "
              + first.toList() + " (name a column, or give its number from 1)");
        }
        index = 0; // no header with a "text" column: the first column, every row
      }
    }
    List<String> texts = new ArrayList<>();
    for (int r = header ? 1 : 0; r < records.size(); r++) {
      CSVRecord record = records.get(r);
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue; // blank line
      }
      if (index >= record.size()) {
        throw EmbedkitException.invalidInput(source + " record " + record.getRecordNumber() + " has " + record.size()
            + " columns; column " + (index + 1) + " was asked for");
      }
      texts.add(record.get(index));
    }
    return texts;
  }
}
