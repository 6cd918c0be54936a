package dev.embedkit.eval.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.OutputFile;
import dev.embedkit.eval.embed.EmbeddingCache;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.progress.ProgressMode;
import dev.embedkit.eval.report.Chart;
import dev.embedkit.eval.report.EvalReport;
import dev.embedkit.eval.report.JsonReport;
import dev.embedkit.eval.report.SavedReports;
import dev.embedkit.eval.report.TextTable;
import dev.embedkit.eval.task.EvalTask;
import dev.embedkit.eval.task.Evaluation;
import dev.embedkit.model.EmbedkitHome;
import dev.embedkit.quant.Precision;
import java.io.PrintWriter;
import java.nio.file.Path;
import dev.embedkit.model.Quantize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options every {@code eval} subcommand shares: what to compare and how to print it. */
public final class RunOptions {
  @Option(names = {"-m", "--model"}, split = ",", paramLabel = "MODEL",
      description = "Model name or folder; repeat or comma-separate for several (default: all-minilm-l6-v2).")
  List<String> models = new ArrayList<>();

  @Option(names = "--precision", split = ",", paramLabel = "P",
      description = "float32, int8, uint8, binary, ubinary; repeat or comma-separate (default: float32).")
  List<String> precisions = new ArrayList<>();

  @Option(names = "--dimensions", split = ",", paramLabel = "N",
      description = "Keep the first N dimensions (Matryoshka); repeat or comma-separate (default: the model's).")
  List<Integer> dimensions = new ArrayList<>();

  @Option(names = "--quantize", paramLabel = "none|int8", defaultValue = "none",
      description = "Run the models' dense layers in int8 with calibrated static scales (default: ${DEFAULT-VALUE}).")
  String quantize;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: text).")
  String format;

  @Option(names = "--chart", paramLabel = "FILE", description = "Also draw the main metric by dimensions and precision (.svg or .png).")
  Path chart;

  @Option(names = "--no-cache", description = "Do not read or write cached embeddings.")
  boolean noCache;

  @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
  boolean quiet;

  /** Runs the task and prints the report; nothing is printed unless every variant finished. */
  int run(EvalTask task, PrintWriter out, PrintWriter err) {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("text") && !fmt.equals("json")) {
      throw EmbedkitException.invalidInput("unknown format '" + format + "'; valid formats are: text, json");
    }
    if (chart != null) {
      String name = chart.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!name.endsWith(".svg") && !name.endsWith(".png")) {
        throw EmbedkitException.invalidInput("chart file must end in .svg or .png; got " + chart);
      }
      OutputFile.check(chart); // before the run, not after it

    }
    List<Precision> parsed = new ArrayList<>();
    precisions.forEach(p -> parsed.add(Precision.fromString(p)));
    Evaluation evaluation = new Evaluation(models.isEmpty() ? List.of("all-minilm-l6-v2") : models, parsed, dimensions,
        Quantize.fromString(quantize));
    EmbeddingCache cache = noCache ? EmbeddingCache.disabled() : new EmbeddingCache(EmbedkitHome.createFolder(EmbedkitHome.evalCache()));
    ProgressBar progress = (quiet ? ProgressMode.OFF : ProgressMode.forStderr()).bar(err, "", 0, ProgressBar.Unit.of("texts"));
    EvalReport report = evaluation.run(task, cache, progress);
    if (chart != null) {
      Chart.write(report, chart);
    }
    out.print(fmt.equals("json") ? JsonReport.render(report) + "\n" : TextTable.render(report));
    out.flush();
    try {
      SavedReports.inHome().save(report);
    } catch (EmbedkitException e) {
      err.println("warning: the report was printed but not kept for the web page: " + e.getMessage());
    }
    if (chart != null) {
      err.println("chart written to " + chart);
    }
    return 0;
  }
}
