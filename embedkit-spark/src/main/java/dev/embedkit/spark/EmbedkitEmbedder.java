package dev.embedkit.spark;

import dev.embedkit.Embedkit;
import dev.embedkit.quant.Precision;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML stage that embeds a text (or image) column into a vector column, in batches per partition, with one model
 * per executor JVM shared by its tasks (loaded on first use, closed when the JVM exits). Vectors are exactly those of
 * {@code Embedkit.load(model).embed(texts, options)}. A null or empty input gives a null vector.
 *
 * <pre>{@code
 * EmbedkitEmbedder embedder = new EmbedkitEmbedder()
 *     .setInputCol("text").setOutputCol("vector").setModel("all-minilm-l6-v2");
 * Dataset<Row> embedded = embedder.transform(spark.read().json("docs.jsonl"));
 * new Pipeline().setStages(new PipelineStage[] {embedder}).fit(df).write().save("embedder-pipeline");
 * }</pre>
 *
 * <p>Input: a string column of texts; for an image model (CLIP), a string column of image paths, http(s) URLs or
 * data URIs ({@code setInputKind("image")}) or a binary column of encoded image bytes. Output type: {@code
 * array<float>} for float32, {@code binary} for int8, uint8, binary and ubinary. Threads:
 * see {@link ExecutorThreads} (the executor's cores by default).
 */
public class EmbedkitEmbedder extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final List<String> INPUT_KINDS = List.of("text", "image");
  private static final List<String> PRECISIONS = List.of("float32", "int8", "uint8", "binary", "ubinary");

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> model;
  private final IntParam dimensions;
  private final Param<String> precision;
  private final Param<String> promptName;
  private final IntParam batchSize;
  private final IntParam threads;
  private final Param<String> inputKind;

  public EmbedkitEmbedder() {
    this(Identifiable$.MODULE$.randomUID("embedkitEmbedder"));
  }

  /** Spark's readers construct a stage from its saved uid. */
  public EmbedkitEmbedder(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol",
        "the column to embed: texts or image references (string), or image bytes (binary)");
    outputCol = new Param<>(this, "outputCol",
        "the vector column to add (array<float>, or binary for quantised precisions)");
    model = new Param<>(this, "model", "built-in pack name, model folder path (shared storage, or a name shipped with"
        + " --files/--archives), or hub name", (String v) -> v != null && !v.isBlank());
    dimensions = new IntParam(this, "dimensions", "Matryoshka: keep the first N dimensions (default: the model's)",
        ParamValidators.gt(0));
    precision = new Param<>(this, "precision", "output precision: " + String.join(", ", PRECISIONS),
        (String v) -> v != null && PRECISIONS.contains(v.toLowerCase(Locale.ROOT)));
    promptName = new Param<>(this, "promptName", "a named prompt of the model, e.g. query or document");
    batchSize = new IntParam(this, "batchSize", "rows per model call",
        ParamValidators.inRange(1, EmbedSettings.MAXIMUM_BATCH_SIZE));
    threads = new IntParam(this, "threads", "inference threads of the executor's shared model (default: the"
        + " executor's cores)", ParamValidators.gt(0));
    inputKind = new Param<>(this, "inputKind", "what a string input column holds: text, or image (file paths, http(s)"
        + " URLs or data URIs, for an image model such as CLIP); a binary column always holds image bytes",
        (String v) -> INPUT_KINDS.contains(v));
    setDefault(outputCol, "vector");
    setDefault(inputKind, "text");
    setDefault(model, Embedkit.DEFAULT_MODEL);
    setDefault(precision, "float32");
    setDefault(batchSize, EmbedSettings.DEFAULT_BATCH_SIZE);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Param<String> model() {
    return model;
  }

  public IntParam dimensions() {
    return dimensions;
  }

  public Param<String> precision() {
    return precision;
  }

  public Param<String> promptName() {
    return promptName;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public IntParam threads() {
    return threads;
  }

  public Param<String> inputKind() {
    return inputKind;
  }

  /** {@code text} (the default) or {@code image}: what a string input column holds. */
  public EmbedkitEmbedder setInputKind(String value) {
    if (!INPUT_KINDS.contains(value)) {
      throw new IllegalArgumentException(
          "input kind '" + value + "' is unknown; accepted: " + String.join(", ", INPUT_KINDS));
    }
    set(inputKind, value);
    return this;
  }

  public String getInputKind() {
    return $(inputKind);
  }

  public EmbedkitEmbedder setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public EmbedkitEmbedder setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public EmbedkitEmbedder setModel(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "model is empty; give a built-in pack name, a model folder path or a hub name");
    }
    set(model, value);
    return this;
  }

  public EmbedkitEmbedder setDimensions(int value) {
    positive("dimensions", value);
    set(dimensions, value);
    return this;
  }

  public EmbedkitEmbedder setPrecision(String value) {
    if (value == null || !PRECISIONS.contains(value.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "precision '" + value + "' is unknown; accepted: " + String.join(", ", PRECISIONS));
    }
    set(precision, value.toLowerCase(Locale.ROOT));
    return this;
  }

  public EmbedkitEmbedder setPromptName(String value) {
    set(promptName, value);
    return this;
  }

  public EmbedkitEmbedder setBatchSize(int value) {
    if (value < 1 || value > EmbedSettings.MAXIMUM_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batch size must be between 1 and " + EmbedSettings.MAXIMUM_BATCH_SIZE + "; batchSize=" + value);
    }
    set(batchSize, value);
    return this;
  }

  public EmbedkitEmbedder setThreads(int value) {
    positive("threads", value);
    set(threads, value);
    return this;
  }

  public String getInputCol() {
    return $(inputCol);
  }

  public String getOutputCol() {
    return $(outputCol);
  }

  public String getModel() {
    return $(model);
  }

  public String getPrecision() {
    return $(precision);
  }

  public int getBatchSize() {
    return (Integer) $(batchSize);
  }

  /** The settings sent to the executors. */
  public EmbedSettings settings() {
    return new EmbedSettings(getModel(), optional(threads), isDefined(promptName) ? $(promptName) : null,
        optional(dimensions), Precision.fromString(getPrecision()), getBatchSize());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(inputCol)) {
      throw new IllegalArgumentException("inputCol is not set; call setInputCol with one of the columns "
          + Arrays.toString(schema.fieldNames()));
    }
    String input = getInputCol();
    String output = getOutputCol();
    if (!Arrays.asList(schema.fieldNames()).contains(input)) {
      throw new IllegalArgumentException("input column '" + input + "' does not exist; the columns are "
          + Arrays.toString(schema.fieldNames()));
    }
    StructField field = schema.apply(input);
    if (!field.dataType().equals(DataTypes.StringType) && !field.dataType().equals(DataTypes.BinaryType)) {
      throw new IllegalArgumentException("input column '" + input + "' is " + field.dataType().simpleString()
          + "; accepted: string (texts, or image paths and URLs with inputKind image), binary (image bytes)");
    }
    if (Arrays.asList(schema.fieldNames()).contains(output)) {
      throw new IllegalArgumentException("output column '" + output + "' already exists; choose another outputCol");
    }
    return schema.add(output, VectorColumn.type(Precision.fromString(getPrecision())), true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema(), true);
    Dataset<Row> rows = dataset.toDF();
    int index = dataset.schema().fieldIndex(getInputCol());
    boolean images = getInputKind().equals("image")
        || dataset.schema().apply(index).dataType().equals(DataTypes.BinaryType);
    EmbedPartition embed = new EmbedPartition(settings(), index, images, out);
    return rows.mapPartitions(embed, Encoders.row(out));
  }

  @Override
  public EmbedkitEmbedder copy(ParamMap extra) {
    return (EmbedkitEmbedder) defaultCopy(extra);
  }

  /** Reads a saved stage (what {@code PipelineModel.load} calls through reflection). */
  public static MLReader<EmbedkitEmbedder> read() {
    return new DefaultParamsReader<>();
  }

  public static EmbedkitEmbedder load(String path) {
    return read().load(path);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive; " + name + "=" + value);
    }
  }

  private Integer optional(IntParam param) {
    return isDefined(param) ? (Integer) $(param) : null;
  }
}
