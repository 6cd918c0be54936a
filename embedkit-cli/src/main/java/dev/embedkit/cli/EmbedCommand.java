package dev.embedkit.cli;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.ImageBatch;
import dev.embedkit.image.cli.ImageInputs;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.OnBadImage;
import dev.embedkit.input.InputRecord;
import dev.embedkit.input.InputSpec;
import dev.embedkit.input.RecordReader;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.progress.ProgressMode;
import dev.embedkit.quant.Precision;
import dev.embedkit.quant.QuantizationRanges;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit embed}: texts in, vectors out. Input is read and embedded a chunk at a time, so stdin is embedded as
 * it arrives and a large file is never held whole; a file is checked once before anything is written (its format,
 * and with {@code --no-truncate} every text's length), so a bad line stops the run before any output.
 */
@Command(name = "embed", description = "Embed texts given as arguments, with --input FILE (- for stdin), or on stdin; or images with --image.",
    sortOptions = false, mixinStandardHelpOptions = true)
final class EmbedCommand implements Callable<Integer> {
  /** Inputs per model call: bounds memory and paces the progress bar and the streamed output. */
  static final int CHUNK = 256;

  @Spec CommandSpec spec;
  @ParentCommand EmbedkitCli root;
  @Mixin ModelOption model;

  @Option(names = "--dimensions", paramLabel = "N", description = "Keep the first N dimensions (Matryoshka), renormalised.")
  Integer dimensions;

  @Option(names = "--precision", paramLabel = "P", defaultValue = "float32",
      description = "float32, int8, uint8, binary or ubinary (sentence-transformers' quantize_embeddings). Default: ${DEFAULT-VALUE}.")
  String precision;

  @ArgGroup(exclusive = true)
  PromptChoice prompt;

  static final class PromptChoice {
    @Option(names = "--prompt-name", paramLabel = "NAME", description = "A prompt the model defines, e.g. query or document.")
    String name;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Literal text prepended to every input.")
    String text;

    EmbedOptions applyTo(EmbedOptions options) {
      return name != null ? options.withPromptName(name) : options.withPrompt(text);
    }
  }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json, jsonl, csv or npy. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write here instead of stdout: renamed into place when the run succeeds (a symbolic link's target is replaced; a FIFO or device is written through).")
  Path output;

  @Option(names = {"-i", "--input"}, paramLabel = "FILE",
      description = "Read texts from FILE (- for stdin): lines, .jsonl, .json (an array), .csv/.tsv.")
  Path input;

  @Mixin InputLayout layout;

  @Option(names = "--no-truncate", description = "Reject inputs longer than the model's maximum instead of truncating them.")
  boolean noTruncate;

  @Option(names = "--calibration", paramLabel = "FILE",
      description = "Texts (one per line, or .jsonl/.json/.csv) whose embeddings set the int8/uint8 ranges; at least "
          + QuantizationRanges.RECOMMENDED_MINIMUM_EMBEDDINGS + ". Default: the built-in calibration set.")
  Path calibration;

  @Option(names = "--image", paramLabel = "PATH|URL|DIR", arity = "1..*",
      description = "Images to embed instead of texts: files, folders (their images, by path in code-point order), http(s) URLs, data URIs. Default model: clip.")
  List<String> images;

  @Option(names = {"-r", "--recursive"}, description = "With --image: also the images in sub-folders of a folder.")
  boolean recursive;

  @Option(names = "--skip-errors",
      description = "With --image: leave out images that cannot be read or decoded (each reported on stderr, then a count) instead of stopping.")
  boolean skipErrors;

  @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to embed.")
  List<String> texts = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    spec.commandLine().getOut().flush();
    Precision outPrecision = Precision.fromString(precision);
    if (calibration != null && !outPrecision.needsRanges()) {
      throw EmbedkitException.invalidInput("--calibration sets the int8/uint8 ranges and has no effect with --precision "
          + precision + "; drop it or use --precision int8 or uint8");
    }
    if (format.isBinary() && output == null && System.console() != null) {
      throw EmbedkitException.invalidInput("npy output is binary; give --output FILE or redirect stdout");
    }
    if (images != null) {
      if (!texts.isEmpty() || input != null) {
        throw EmbedkitException.invalidInput("give texts or --image inputs, not both");
      }
      return embedImages(err, outPrecision);
    }
    if (recursive || skipErrors) {
      throw EmbedkitException.invalidInput((recursive ? "--recursive" : "--skip-errors") + " applies to --image inputs; "
          + "texts are embedded or refused as a whole");
    }
    TextSource source = layout.source(texts, input, "--input");
    // a file that does not parse fails before the model loads; lengths (--no-truncate) need the model's tokenizer
    int total = source.rereadable() && !noTruncate ? check(null, source, null) : 0;
    try (EmbeddingModel embedder = model.load(spec, false)) {
      EmbedOptions options = options(embedder, outPrecision);
      if (source.rereadable() && noTruncate) {
        total = check(embedder, source, options);
      }
      Run run = new Run(embedder, options, err);
      try (RecordReader reader = source.open(); Destination out = Destination.open(output, root.stdout())) {
        run.texts(source, reader, out, total);
        out.commit();
      }
      run.report(source);
    }
    return 0;
  }

  private EmbedOptions options(EmbeddingModel embedder, Precision outPrecision) {
    EmbedOptions options = EmbedOptions.DEFAULTS.withDimensions(dimensions).withPrecision(outPrecision).withTruncate(!noTruncate);
    if (prompt != null) {
      options = prompt.applyTo(options);
    }
    if (calibration != null) {
      options = options.withRanges(calibrationRanges(embedder, options));
    }
    return options;
  }

  /**
   * Reads a re-readable source once before any output: every record must parse and, given a model (--no-truncate),
   * fit it. Returns the number of records (the progress bar's total).
   */
  static int check(EmbeddingModel embedder, TextSource source, EmbedOptions options) {
    int count = 0;
    try (RecordReader reader = source.open()) {
      List<InputRecord> chunk = new ArrayList<>(CHUNK);
      for (InputRecord record; (record = reader.next()) != null; ) {
        count++;
        if (embedder != null) {
          chunk.add(record);
          if (chunk.size() == CHUNK) {
            checkLengths(embedder, source, options, chunk, count - chunk.size());
            chunk.clear();
          }
        }
      }
      if (!chunk.isEmpty()) {
        checkLengths(embedder, source, options, chunk, count - chunk.size());
      }
    }
    if (count == 0) {
      throw EmbedkitException.invalidInput(source.kind() == TextSource.Kind.FILE
          ? "input file " + source.name() + " holds no texts" : "no texts given");
    }
    return count;
  }

  private static void checkLengths(EmbeddingModel embedder, TextSource source, EmbedOptions options,
      List<InputRecord> chunk, int firstPosition) {
    try {
      embedder.countTokens(chunk.stream().map(InputRecord::text).toList(), options);
    } catch (EmbedkitException e) {
      throw located(e, source, chunk, firstPosition);
    }
  }

  /** An error about one input of a chunk, restated with the input's own line or position. */
  static EmbedkitException located(EmbedkitException e, TextSource source, List<InputRecord> chunk, int firstPosition) {
    if (e.inputIndex().isEmpty() || e.inputIndex().getAsInt() >= chunk.size()) {
      return e;
    }
    int i = e.inputIndex().getAsInt();
    return new EmbedkitException(e.kind(), source.describe(chunk.get(i), firstPosition + i) + " " + e.detail(), e);
  }

  /** One run's embedding loop and its counts. */
  private final class Run {
    private final EmbeddingModel embedder;
    private final EmbedOptions options;
    private final PrintWriter err;
    private int embedded;
    private int truncated;
    private boolean skippedLines;
    private boolean hasIds;

    Run(EmbeddingModel embedder, EmbedOptions options, PrintWriter err) {
      this.embedder = embedder;
      this.options = options;
      this.err = err;
    }

    void texts(TextSource source, RecordReader reader, Destination out, int total) throws IOException {
      // a file's size is known from its check; stdin's is not: its bar appears once it outgrows one chunk
      ProgressBar progress = total > CHUNK
          ? ProgressMode.forStderr().bar(err, "embedded", total, ProgressBar.Unit.of("texts"))
          : ProgressBar.SILENT;
      OutputFormat.Writer writer = null;
      long previousLine = 0;
      List<InputRecord> chunk = new ArrayList<>(CHUNK);
      boolean more = true;
      while (more) {
        chunk.clear();
        more = fill(reader, chunk);
        if (chunk.isEmpty()) {
          break;
        }
        if (writer == null) {
          writer = format.open(out.stream(), new OutputFormat.Identity(source.hasLines(), reader.hasIds()));
        }
        List<String> batch = new ArrayList<>(chunk.size());
        List<InputRef> refs = new ArrayList<>(chunk.size());
        for (InputRecord record : chunk) {
          batch.add(record.text());
          refs.add(new InputRef(embedded + refs.size(), record.line(), record.id()));
          skippedLines |= source.hasLines() && record.line() != previousLine + 1;
          hasIds |= record.id() != null;
          previousLine = record.line();
        }
        EmbeddingResult result;
        try {
          result = embedder.embed(batch, options);
        } catch (EmbedkitException e) {
          throw located(e, source, chunk, embedded);
        }
        writer.write(result, refs);
        embedded += chunk.size();
        truncated += result.truncatedCount();
        if (progress == ProgressBar.SILENT && total == 0 && embedded > CHUNK) {
          progress = ProgressMode.forStderr().bar(err, "embedded", 0, ProgressBar.Unit.of("texts"));
          progress.advance(embedded);
        } else {
          progress.advance(chunk.size());
        }
      }
      if (writer == null) {
        throw EmbedkitException.invalidInput(source.kind() == TextSource.Kind.STDIN
            ? "no input: stdin held no texts; give TEXT arguments, --input FILE, or pipe texts on stdin"
            : "no texts given");
      }
      writer.finish();
      progress.finish();
    }

    /**
     * Reads up to a chunk of records; from a stream, stops early when no more input is waiting, so texts arriving one
     * at a time are embedded and written as they come. Returns false at the end of the input.
     */
    private boolean fill(RecordReader reader, List<InputRecord> chunk) {
      while (chunk.size() < CHUNK) {
        if (!chunk.isEmpty() && !reader.ready()) {
          return true;
        }
        InputRecord record = reader.next();
        if (record == null) {
          return false;
        }
        chunk.add(record);
      }
      return true;
    }

    void images(List<ImageInput> inputs, Destination out) throws IOException {
      ProgressBar progress = inputs.size() > CHUNK
          ? ProgressMode.forStderr().bar(err, "embedded", inputs.size(), ProgressBar.Unit.of("images"))
          : ProgressBar.SILENT;
      OutputFormat.Writer writer = format.open(out.stream(), new OutputFormat.Identity(false, true));
      int skipped = 0;
      for (int start = 0; start < inputs.size(); start += CHUNK) {
        List<ImageInput> chunk = inputs.subList(start, Math.min(inputs.size(), start + CHUNK));
        ImageBatch batch = ImageInputs.embed(embedder, chunk, options, skipErrors ? OnBadImage.SKIP : OnBadImage.FAIL);
        for (ImageBatch.Skipped s : batch.skipped()) {
          err.println("embedkit: " + ImageInputs.skippedLine(s));
        }
        skipped += batch.skipped().size();
        List<InputRef> refs = new ArrayList<>(batch.embedded().size());
        for (ImageInput input : batch.embeddedInputs()) {
          refs.add(new InputRef(embedded + refs.size(), 0, input.label()));
        }
        if (!refs.isEmpty()) {
          writer.write(batch.result(), refs);
        }
        embedded += refs.size();
        truncated += batch.result().truncatedCount();
        progress.advance(chunk.size());
      }
      if (embedded == 0) {
        throw EmbedkitException.invalidInput("none of the " + inputs.size() + " images could be read, so nothing was embedded");
      }
      writer.finish();
      progress.finish();
      if (skipped > 0) {
        err.println("embedkit: " + ImageInputs.skippedSummary(skipped, inputs.size()));
      }
    }

    void report(TextSource source) {
      if (truncated > 0) {
        err.println("embedkit: " + truncated + " of " + embedded + " inputs were longer than "
            + embedder.info().maxSeqLength() + " tokens and were truncated");
      }
      if (!format.keepsIdentity() && (skippedLines || hasIds)) {
        err.println("embedkit: note: " + format.name().toLowerCase(java.util.Locale.ROOT) + " rows follow the input order, "
            + (skippedLines ? "but they do not follow the input's lines (blank lines or a header were skipped)"
                : "but the inputs' ids are not kept")
            + "; --format jsonl, json or csv keeps each vector's line and id");
      }
    }
  }

  private int embedImages(PrintWriter err, Precision outPrecision) throws IOException {
    List<ImageInput> list = ImageInputs.fromOptions(images, recursive);
    try (EmbeddingModel embedder = model.load(spec, true)) {
      Run run = new Run(embedder, options(embedder, outPrecision), err);
      try (Destination out = Destination.open(output, root.stdout())) {
        run.images(list, out);
        out.commit();
      }
    }
    return 0;
  }

  private QuantizationRanges calibrationRanges(EmbeddingModel embedder, EmbedOptions options) {
    List<String> sentences;
    try (RecordReader reader = RecordReader.open(calibration, InputSpec.DEFAULTS)) {
      sentences = reader.readAll().stream().map(InputRecord::text).toList();
    }
    if (sentences.size() < QuantizationRanges.RECOMMENDED_MINIMUM_EMBEDDINGS) {
      throw EmbedkitException.invalidInput("calibration file " + calibration + " holds " + sentences.size() + " text"
          + (sentences.size() == 1 ? "" : "s") + "; int8/uint8 ranges need at least "
          + QuantizationRanges.RECOMMENDED_MINIMUM_EMBEDDINGS + " (with fewer, many values fall outside the ranges and are clamped)");
    }
    return QuantizationRanges.of(embedder.embed(sentences, options.withPrecision(Precision.FLOAT32).withRanges(null)).vectors());
  }
}
