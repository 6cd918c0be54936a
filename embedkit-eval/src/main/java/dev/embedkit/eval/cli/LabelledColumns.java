package dev.embedkit.eval.cli;

import dev.embedkit.eval.data.LabelledTexts;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the text and the label are in a labelled file: the options classification and clustering share. */
final class LabelledColumns {
  @Option(names = "--text-column", paramLabel = "COL", description = "Index or header name (CSV, default 0) or field (JSONL, default text).")
  String textColumn;

  @Option(names = "--label-column", paramLabel = "COL", description = "Index or header name (CSV, default 1) or field (JSONL, default label).")
  String labelColumn;

  @Option(names = "--header", description = "The CSV/TSV file's first row is a header (implied when a column is named).")
  boolean header;

  LabelledTexts read(Path file) {
    return LabelledTexts.read(file, textColumn, labelColumn, header);
  }
}
