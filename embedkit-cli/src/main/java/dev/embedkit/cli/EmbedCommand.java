package dev.embedkit.cli;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.ImageInput;
import dev.embedkit.image.cli.ImageInputs;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.progress.ProgressMode;
import dev.embedkit.quant.Precision;
import dev.embedkit.quant.QuantizationRanges;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

/** {@code embedkit embed}: texts in, vectors out. */
@Command(name = "embed", description = "Embed texts given as arguments, with --input FILE, or on stdin (one per line); or images with --image.",
    sortOptions = false, mixinStandardHelpOptions = true)
final class EmbedCommand implements Callable<Integer> {
  /** Inputs per model call: bounds memory and paces the progress bar. */
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
  }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json, jsonl, csv or npy. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout (atomically).")
  Path output;

  @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read texts from FILE (lines, .jsonl or .csv/.tsv).")
  Path input;

  @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "auto (by extension), lines, jsonl, csv or tsv. Default: ${DEFAULT-VALUE}.")
  TextInputs.Format inputFormat;

  @Option(names = "--field", paramLabel = "NAME",
      description = "JSONL field (default text) or CSV column name or number from 1 (default: the column named text, else the first).")
  String field;

  @Option(names = "--no-truncate", description = "Reject inputs longer than the model's maximum instead of truncating them.")
  boolean noTruncate;

  @Option(names = "--calibration", paramLabel = "FILE",
      description = "Texts (one per line) whose embeddings set the int8/uint8 ranges. Default: the built-in calibration set.")
  Path calibration;

  @Option(names = "--image", paramLabel = "PATH|URL|DIR", arity = "1..*",
      description = "Images to embed instead of texts: files, folders (their images, by name), http(s) URLs, data URIs. Default model: clip.")
  List<String> images;

  @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to embed.")
  List<String> texts = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    spec.commandLine().getOut().flush();
    Batches inputs = images != null ? imageInputs() : Batches.texts(readInputs());
    Precision outPrecision = Precision.fromString(precision);
    if (format == OutputFormat.NPY && output == null && System.console() != null) {
      throw EmbedkitException.invalidInput("npy output is binary; give --output FILE or redirect stdout");
    }
    try (EmbeddingModel embedder = model.load(spec, images != null)) {
      EmbedOptions options = EmbedOptions.DEFAULTS
          .withDimensions(dimensions)
          .withPrecision(outPrecision)
          .withTruncate(!noTruncate);
      if (prompt != null) {
        options = prompt.name != null ? options.withPromptName(prompt.name) : options.withPrompt(prompt.text);
      }
      if (calibration != null && outPrecision.needsRanges()) {
        options = options.withRanges(calibrationRanges(embedder, options));
      }
      int truncated = writeAll(embedder, inputs, options, err);
      if (truncated > 0) {
        err.println("embedkit: " + truncated + " of " + inputs.size() + " inputs were longer than "
            + embedder.info().maxSeqLength() + " tokens and were truncated");
      }
    }
    return 0;
  }

  private Batches imageInputs() {
    if (!texts.isEmpty() || input != null) {
      throw EmbedkitException.invalidInput("give texts or --image inputs, not both");
    }
    List<ImageInput> list = ImageInputs.fromOptions(images);
    return new Batches("images", list.size(), (m, from, to, options) -> ImageInputs.embed(m, list.subList(from, to), options));
  }

  /** The inputs of one run, embedded a chunk at a time: texts or images. */
  record Batches(String unit, int size, Chunk embedder) {
    interface Chunk {
      EmbeddingResult embed(EmbeddingModel model, int from, int to, EmbedOptions options);
    }

    static Batches texts(List<String> texts) {
      return new Batches("texts", texts.size(), (m, from, to, options) -> m.embed(texts.subList(from, to), options));
    }
  }

  private int writeAll(EmbeddingModel embedder, Batches inputs, EmbedOptions options, PrintWriter err) throws IOException {
    Path temp = output == null ? null : Files.createTempFile(
        output.toAbsolutePath().getParent(), "." + output.getFileName(), ".tmp");
    int truncated = 0;
    try (OutputStream out = new BufferedOutputStream(temp == null ? new NonClosingOutputStream(root.stdout()) : Files.newOutputStream(temp))) {
      ProgressBar progress = inputs.size() > CHUNK
          ? ProgressMode.forStderr().bar(err, "embedded", inputs.size(), ProgressBar.Unit.of(inputs.unit()))
          : ProgressBar.SILENT;
      List<Embedding> all = new ArrayList<>();
      EmbeddingResult last = null;
      for (int start = 0; start < inputs.size(); start += CHUNK) {
        int end = Math.min(inputs.size(), start + CHUNK);
        last = inputs.embedder().embed(embedder, start, end, options);
        truncated += last.truncatedCount();
        if (format.streams()) {
          format.write(last, out, start);
        } else {
          all.addAll(last.embeddings());
        }
        progress.advance(end - start);
      }
      if (!format.streams()) {
        format.write(new EmbeddingResult(last.model(), last.dimensions(), last.precision(), all), out, 0);
      }
      progress.finish();
    } catch (IOException | RuntimeException e) {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
      throw e;
    }
    if (temp != null) {
      Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return truncated;
  }

  private List<String> readInputs() {
    List<String> inputs;
    if (input != null) {
      if (!texts.isEmpty()) {
        throw EmbedkitException.invalidInput("give texts as arguments or with --input, not both");
      }
      inputs = TextInputs.readFile(input, inputFormat, field);
      if (inputs.isEmpty()) {
        throw EmbedkitException.invalidInput("input file " + input + " holds no texts");
      }
    } else if (!texts.isEmpty()) {
      inputs = texts;
    } else {
      if (System.console() != null) {
        throw EmbedkitException.invalidInput("no input: give TEXT arguments, --input FILE, or pipe texts on stdin");
      }
      inputs = TextInputs.readStream(System.in, inputFormat, field);
      if (inputs.isEmpty()) {
        throw EmbedkitException.invalidInput("no input: stdin was empty; give TEXT arguments, --input FILE, or pipe texts on stdin");
      }
    }
    return inputs;
  }

  private QuantizationRanges calibrationRanges(EmbeddingModel embedder, EmbedOptions options) {
    List<String> sentences = TextInputs.readFile(calibration, TextInputs.Format.LINES, null);
    if (sentences.isEmpty()) {
      throw EmbedkitException.invalidInput("calibration file " + calibration + " holds no texts");
    }
    return QuantizationRanges.of(embedder.embed(sentences, options.withPrecision(Precision.FLOAT32)).vectors());
  }
}
