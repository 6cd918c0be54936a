package dev.embedkit.eval.cli;

import dev.embedkit.eval.data.LabelledTexts;
import dev.embedkit.input.HeaderMode;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the text and the label are in a labelled file: the options classification and clustering share. */
final class LabelledColumns {
  @Option(names = "--text-column", paramLabel = "COL",
      description = "CSV/TSV: column name or number from 1 (default: the column named text, else 1); JSONL: field (default text).")
  String textColumn;

  @Option(names = "--label-column", paramLabel = "COL",
      description = "CSV/TSV: column name or number from 1 (default: the column named label, else 2); JSONL: field (default label).")
  String labelColumn;

  @Option(names = "--header", negatable = true,
      description = "Whether the CSV/TSV file's first row is a header. Default: it is when a column is given by name or the row holds text or label.")
  Boolean header;

  LabelledTexts read(Path file) {
    return LabelledTexts.read(file, textColumn, labelColumn, HeaderMode.of(header));
  }
}
