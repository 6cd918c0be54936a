package dev.embedkit.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.input.InputRecord;
import dev.embedkit.input.InputSpec;
import dev.embedkit.input.RecordReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a command's texts come from: arguments, a file (which can be read twice, to check it before any output is
 * written), or stdin ({@code -i -}, or a pipe when nothing else is given), read once and embedded as it arrives.
 */
final class TextSource {
  enum Kind { ARGUMENTS, FILE, STDIN }

  private final Kind kind;
  private final List<String> arguments;
  private final Path file;
  private final InputStream stdin;
  private final InputSpec spec;

  private TextSource(Kind kind, List<String> arguments, Path file, InputStream stdin, InputSpec spec) {
    this.kind = kind;
    this.arguments = arguments;
    this.file = file;
    this.stdin = stdin;
    this.spec = spec;
  }

  /**
   * @param arguments texts given on the command line
   * @param input {@code --input}: a file, or "-" for stdin; null when not given
   * @param what the option that names the input, for messages (e.g. "--input")
   */
  static TextSource of(List<String> arguments, Path input, InputStream stdin, InputSpec spec, String what) {
    boolean hasArguments = arguments != null && !arguments.isEmpty();
    if (input != null && hasArguments) {
      throw EmbedkitException.invalidInput("give texts as arguments or with " + what + ", not both");
    }
    if (input != null) {
      return input.toString().equals("-")
          ? new TextSource(Kind.STDIN, null, null, stdin, spec)
          : new TextSource(Kind.FILE, null, input, null, spec);
    }
    if (hasArguments) {
      if (spec.textField() != null || spec.idField() != null || spec.format() != dev.embedkit.input.InputFormat.AUTO) {
        throw EmbedkitException.invalidInput("--field, --id-field and --input-format describe an input file; "
            + "the texts here are arguments");
      }
      return new TextSource(Kind.ARGUMENTS, arguments, null, null, spec);
    }
    return null;
  }

  /** Texts piped on stdin, when nothing else names the input. */
  static TextSource stdin(InputStream stdin, InputSpec spec) {
    return new TextSource(Kind.STDIN, null, null, stdin, spec);
  }

  Kind kind() {
    return kind;
  }

  /** True when the source can be read again (a check pass before the real one). */
  boolean rereadable() {
    return kind != Kind.STDIN;
  }

  /** True when records have line numbers worth keeping in the output. */
  boolean hasLines() {
    return kind != Kind.ARGUMENTS;
  }

  String name() {
    return switch (kind) {
      case ARGUMENTS -> "arguments";
      case FILE -> file.toString();
      case STDIN -> "stdin";
    };
  }

  RecordReader open() {
    return switch (kind) {
      case ARGUMENTS -> new ArgumentRecords(arguments);
      case FILE -> RecordReader.open(file, spec);
      case STDIN -> RecordReader.open(new NonClosingInputStream(stdin), "stdin", spec);
    };
  }

  /** How a message names one input: "docs.txt line 7", "stdin line 3", "argument 2". */
  String describe(InputRecord record, int position) {
    return kind == Kind.ARGUMENTS ? "argument " + (position + 1) : name() + " line " + record.line();
  }

  /** Arguments as records: each is embedded as given, even when empty. */
  private static final class ArgumentRecords implements RecordReader {
    private final List<String> arguments;
    private int next;

    ArgumentRecords(List<String> arguments) {
      this.arguments = arguments;
    }

    @Override
    public InputRecord next() {
      return next < arguments.size() ? InputRecord.of(arguments.get(next++)) : null;
    }

    @Override
    public String source() {
      return "arguments";
    }

    @Override
    public boolean hasIds() {
      return false;
    }

    @Override
    public void close() {}
  }

  /** stdin stays open for whoever reads it next (tests run several commands in one JVM). */
  private static final class NonClosingInputStream extends java.io.FilterInputStream {
    NonClosingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
