package dev.embedkit.spark.cli;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.spark.EmbedSettings;
import dev.embedkit.spark.EmbedkitEmbedder;
import dev.embedkit.spark.SparkFailures;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code embed}: reads a table (Parquet, JSON Lines, CSV), embeds its text column with {@link EmbedkitEmbedder} and
 * writes the id column (under its own name) and the vector column. Prints one summary line: rows, null or empty
 * texts (null vectors), seconds, rows per second.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embeds a text column of a Parquet, JSON Lines or CSV table into a vector column.")
public final class SparkEmbedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, description = "input table: a file or folder (local, hdfs://, s3a://...)")
  String input;

  @Option(names = "--format", description = "input format: parquet, jsonl, csv (default: from the extension; parquet"
      + " without one)")
  String format;

  @Option(names = "--output", required = true, description = "output folder, e.g. vectors.parquet")
  String output;

  @Option(names = "--output-format", description = "output format: parquet, jsonl, csv (default: from the extension;"
      + " parquet without one); CSV holds the vector as a JSON array, or base64 for quantised precisions")
  String outputFormat;

  @Option(names = "--text-col", defaultValue = "text", description = "the text column (default: ${DEFAULT-VALUE})")
  String textCol;

  @Option(names = "--id-col", description = "the id column, kept under its name; without it every input column is kept")
  String idCol;

  @Option(names = "--vector-col", defaultValue = "vector",
      description = "the vector column (default: ${DEFAULT-VALUE})")
  String vectorCol;

  @Option(names = "--master",
      description = "Spark master: local[*], spark://HOST:7077, yarn... (default: spark-submit's, else local[*])")
  String master;

  @Option(names = "--model", description = "built-in pack name, model folder (shared storage or shipped with --files /"
      + " --archives), or hub name (default: all-minilm-l6-v2)")
  String model = Embedkit.DEFAULT_MODEL;

  @Option(names = "--batch-size",
      description = "rows per model call (default: " + EmbedSettings.DEFAULT_BATCH_SIZE + ")")
  int batchSize = EmbedSettings.DEFAULT_BATCH_SIZE;

  @Option(names = "--precision", defaultValue = "float32",
      description = "float32 (array<float>), or int8, uint8, binary, ubinary (bytes)")
  String precision;

  @Option(names = "--dimensions", description = "Matryoshka: keep the first N dimensions")
  Integer dimensions;

  @Option(names = "--prompt-name", description = "a named prompt of the model (query, document...)")
  String promptName;

  @Option(names = "--threads", description = "inference threads per executor (default: the executor's cores)")
  Integer threads;

  @Option(names = "--partitions", description = "repartition the input into N partitions (tasks) before embedding")
  Integer partitions;

  @Option(names = "--overwrite", description = "replace an existing output")
  boolean overwrite;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SparkSession spark = null;
    boolean ownSession = false;
    boolean writing = false;
    try {
      EmbedkitEmbedder embedder = embedder();
      TableFormat inFormat = format != null ? TableFormat.parse(format) : TableFormat.ofPath(input);
      TableFormat outFormat = outputFormat != null ? TableFormat.parse(outputFormat) : TableFormat.ofPath(output);
      if (partitions != null && partitions < 1) {
        throw new IllegalArgumentException("partitions must be positive; partitions=" + partitions);
      }
      checkLocalInput();
      checkLocalOutput();
      ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
      spark = session();
      checkOutputAbsent(spark);

      Dataset<Row> table = inFormat.read(spark, input);
      checkColumns(table);
      if (partitions != null) {
        table = table.repartition(partitions);
      }
      Dataset<Row> embedded = embedder.transform(table);
      if (idCol != null) {
        embedded = embedded.select(functions.col(quoted(idCol)), functions.col(quoted(vectorCol)));
      }
      long start = System.nanoTime();
      writing = true;
      outFormat.prepareForWrite(embedded, vectorCol).write()
          .mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
          .format(outFormat.writer())
          .save(output);
      writing = false;
      double seconds = (System.nanoTime() - start) / 1e9;

      Row counts = table.agg(functions.count(functions.lit(1)),
          functions.count_if(functions.col(quoted(textCol)).isNull().or(functions.col(quoted(textCol)).equalTo(""))))
          .first();
      long rows = counts.getLong(0);
      long empty = counts.getLong(1);
      out.printf(Locale.ROOT, "embedded %d rows (%d null or empty texts, null vectors) in %.1f s, %.1f rows/s -> %s%n",
          rows, empty, seconds, rows / Math.max(seconds, 1e-9), output);
      return 0;
    } catch (Exception e) { // Scala code throws checked SparkException without declaring it
      if (writing) {
        deletePartialOutput(spark);
      }
      err.println("embedkit spark: " + SparkFailures.oneLine(e));
      return SparkFailures.exitCode(e);
    } finally {
      if (ownSession && spark != null) {
        spark.stop();
      }
    }
  }

  private EmbedkitEmbedder embedder() {
    EmbedkitEmbedder embedder = new EmbedkitEmbedder().setInputCol(textCol).setOutputCol(vectorCol).setModel(model)
        .setPrecision(precision).setBatchSize(batchSize);
    if (dimensions != null) {
      embedder.setDimensions(dimensions);
    }
    if (promptName != null) {
      embedder.setPromptName(promptName);
    }
    if (threads != null) {
      embedder.setThreads(threads);
    }
    embedder.settings(); // checks the values together, before Spark starts
    return embedder;
  }

  private SparkSession session() {
    SparkSession.Builder builder = SparkSession.builder().appName("embedkit spark embed");
    org.apache.spark.SparkConf given = new org.apache.spark.SparkConf();
    String effective = master != null ? master : given.get("spark.master", "local[*]");
    builder.master(effective); // run directly (not through spark-submit): local[*]
    if (effective.startsWith("local")) {
      // A local run stays on this machine: the driver on loopback (Spark would pick the external interface) and no
      // web UI listening on every interface, unless configured otherwise (--conf / -Dspark.*).
      if (!given.contains("spark.driver.host")) {
        builder.config("spark.driver.host", "127.0.0.1");
      }
      if (!given.contains("spark.driver.bindAddress")) {
        builder.config("spark.driver.bindAddress", "127.0.0.1");
      }
      if (!given.contains("spark.ui.enabled")) {
        builder.config("spark.ui.enabled", "false");
      }
    }
    return builder.getOrCreate();
  }

  private void checkColumns(Dataset<Row> table) {
    String[] columns = table.schema().fieldNames();
    if (idCol != null && !Arrays.asList(columns).contains(idCol)) {
      throw new IllegalArgumentException("id column '" + idCol + "' does not exist; the columns are "
          + Arrays.toString(columns));
    }
    if (idCol != null && idCol.equals(vectorCol)) {
      throw new IllegalArgumentException("the id column and the vector column are both '" + idCol + "'");
    }
  }

  /** A local input that does not exist: one line now, not Spark's analysis error. */
  private void checkLocalInput() {
    Path local = localPath(input);
    if (local != null && !Files.exists(local)) {
      throw EmbedkitException.notFound("input " + input + " does not exist");
    }
  }

  /** A local output whose nearest existing parent is not a writable folder: refused before any work. */
  private void checkLocalOutput() {
    Path local = localPath(output);
    if (local == null) {
      return;
    }
    Path parent = local.toAbsolutePath().getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent != null && (!Files.isDirectory(parent) || !Files.isWritable(parent))) {
      throw EmbedkitException.invalidInput("cannot write output " + output + ": " + parent
          + (Files.isDirectory(parent) ? " is not writable" : " is not a folder"));
    }
  }

  /** A failed job leaves its output folder (Spark's _temporary files): removed, so the output is all or nothing. */
  private void deletePartialOutput(SparkSession spark) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output);
      path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
    } catch (IOException | RuntimeException ignored) {
      // the job's own failure is what the user needs to hear about
    }
  }

  private void checkOutputAbsent(SparkSession spark) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!overwrite && fs.exists(path)) {
      throw EmbedkitException.conflict("output " + output + " already exists; give --overwrite to replace it");
    }
  }

  private static Path localPath(String path) {
    try {
      URI uri = URI.create(path.replace(" ", "%20"));
      if (uri.getScheme() == null) {
        return Path.of(path);
      }
      return uri.getScheme().equals("file") ? Path.of(uri) : null;
    } catch (RuntimeException e) {
      return Path.of(path);
    }
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
