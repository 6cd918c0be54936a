package dev.embedkit.image.cli;

import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The candidate labels of {@code classify}, from three sources, in this order: {@code --labels "a,b"} (split on
 * commas, empty pieces dropped), each {@code --label TEXT} (taken whole, so commas are fine), then
 * {@code --labels-file FILE}. Every label is stripped of surrounding whitespace; a label given twice is an error,
 * since a copy would split its probability.
 *
 * <p>The file is UTF-8 (a leading byte order mark is dropped), one label per line, LF or CRLF; blank and
 * whitespace-only lines are skipped. There is no comment syntax: every other line is a label exactly as written, so
 * a label may start with {@code #}.
 */
final class ClassifyLabels {
  private ClassifyLabels() {}

  static List<String> collect(List<String> commaSeparated, List<String> whole, Path file) {
    List<String> out = new ArrayList<>();
    for (String piece : commaSeparated) {
      if (!piece.isBlank()) {
        out.add(piece.strip());
      }
    }
    for (String label : whole) {
      if (label.isBlank()) {
        throw EmbedkitException.invalidInput("--label is blank; give the label's text");
      }
      out.add(label.strip());
    }
    if (file != null) {
      List<String> lines = readFile(file);
      if (lines.isEmpty()) {
        throw EmbedkitException.invalidInput("labels file " + file + " has no labels (blank lines are skipped)");
      }
      out.addAll(lines);
    }
    if (out.isEmpty()) {
      throw EmbedkitException.invalidInput("no labels; give --labels \"a,b\", --label TEXT (repeatable) or --labels-file FILE");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String label : out) {
      if (!seen.add(label)) {
        throw EmbedkitException.invalidInput("label '" + label + "' is given twice; labels must be distinct");
      }
    }
    return out;
  }

  /** The file's non-blank lines, stripped. */
  static List<String> readFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw EmbedkitException.notFound("labels file " + file + " does not exist");
    } catch (IOException e) {
      throw EmbedkitException.notFound("cannot read labels file " + file + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw EmbedkitException.invalidInput("labels file " + file + " is not UTF-8 (line " + lineOfFirstBadByte(bytes) + ")");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> labels = new ArrayList<>();
    for (String line : text.split("\\R", -1)) {
      if (!line.isBlank()) {
        labels.add(line.strip());
      }
    }
    return labels;
  }

  private static int lineOfFirstBadByte(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    int line = 1;
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        try {
          decoder.decode(ByteBuffer.wrap(bytes, start, i - start));
        } catch (CharacterCodingException e) {
          return line;
        }
        line++;
        start = i + 1;
      }
    }
    return line;
  }
}
