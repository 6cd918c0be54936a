package dev.embedkit.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.input.HeaderMode;
import dev.embedkit.input.InputFormat;
import dev.embedkit.input.InputSpec;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** How an input file lays out its texts: the options embed and similarity share. */
final class InputLayout {
  @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "auto (by extension; stdin: lines), lines, jsonl, json, csv or tsv. Default: ${DEFAULT-VALUE}.")
  InputFormat inputFormat;

  @Option(names = "--field", paramLabel = "NAME|N",
      description = "JSON field (default text), or CSV/TSV column by name or number from 1 (default: the column named text, else column 1).")
  String field;

  @Option(names = "--id-field", paramLabel = "NAME|N",
      description = "Field or column holding each record's id, kept in the output (default: id, where there is one).")
  String idField;

  @Option(names = "--header", negatable = true,
      description = "Whether a CSV/TSV file's first row is a header. Default: it is when a column is given by name or "
          + "the row holds a name looked for (text, id).")
  Boolean header;

  InputSpec spec() {
    return new InputSpec(inputFormat, field, idField, HeaderMode.of(header));
  }

  /** The texts' source: arguments, the input option (a file, or - for stdin), or stdin when it is not a terminal. */
  TextSource source(List<String> arguments, Path input, String option) {
    TextSource source = TextSource.of(arguments, input, System.in, spec(), option);
    if (source != null) {
      return source;
    }
    if (System.console() != null) {
      throw EmbedkitException.invalidInput("no input: give TEXT arguments, " + option + " FILE, or pipe texts on stdin");
    }
    return TextSource.stdin(System.in, spec());
  }
}
