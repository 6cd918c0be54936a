package dev.embedkit.spark.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Spark job's entry point: {@code spark-submit --class dev.embedkit.spark.cli.EmbedkitSpark
 * embedkit-spark-VERSION-spark.jar embed --input docs.jsonl --output vectors.parquet}.
 */
@Command(name = "embedkit-spark", mixinStandardHelpOptions = true, subcommands = SparkEmbedCommand.class,
    description = "Embeds a table on Apache Spark with embedkit.")
public final class EmbedkitSpark {

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line and returns the exit code (0, 1 for internal failures, 2 for bad input). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new EmbedkitSpark());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("embedkit spark: " + e.getMessage() + " (see 'embedkit-spark " + (a.length > 0 ? a[0] + " " : "")
          + "--help')");
      return 2;
    });
    return cli.execute(args);
  }
}
