package dev.embedkit.input;

import dev.embedkit.EmbedkitException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a file or stdin holds its texts. {@link #AUTO} picks by the file name's extension (stdin: lines). */
public enum InputFormat {
  AUTO, LINES, JSONL, JSON, CSV, TSV;

  /** The format for a source name: .jsonl/.ndjson, .json, .csv, .tsv/.tab, else lines. */
  public InputFormat resolve(String name) {
    if (this != AUTO) {
      return this;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return JSONL;
    }
    if (lower.endsWith(".json")) {
      return JSON;
    }
    if (lower.endsWith(".csv")) {
      return CSV;
    }
    if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
      return TSV;
    }
    return LINES;
  }

  public static InputFormat fromString(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw EmbedkitException.invalidInput("unknown input format '" + value + "'; valid formats are: "
          + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
  }
}
