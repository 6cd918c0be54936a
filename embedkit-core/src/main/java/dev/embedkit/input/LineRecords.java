package dev.embedkit.input;

import dev.embedkit.EmbedkitException;

/** One text per line; empty and whitespace-only lines are skipped but keep their numbers. */
final class LineRecords extends LineBasedRecords {
  LineRecords(LineReader lines, InputSpec spec) {
    super(lines);
    if (spec.textField() != null || spec.idField() != null) {
      throw EmbedkitException.invalidInput(lines.source() + " is read as plain lines, which have no fields; "
          + "--field and --id-field apply to .jsonl, .json, .csv and .tsv input (or set --input-format)");
    }
  }

  @Override
  public InputRecord next() {
    for (String line; (line = lines.readLine()) != null; ) {
      if (!line.isBlank()) {
        return new InputRecord(line, lines.lineNumber(), null);
      }
    }
    return null;
  }

  @Override
  public boolean hasIds() {
    return false;
  }
}
