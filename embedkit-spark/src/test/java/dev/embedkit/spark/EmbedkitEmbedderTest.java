package dev.embedkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.quant.Precision;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javax.imageio.ImageIO;
import scala.collection.Seq;

/** The Transformer and the SQL function on Spark local[2], against the library's own vectors. */
class EmbedkitEmbedderTest {
  private static final String MODEL = "all-minilm-l6-v2";
  private static SparkSession spark;
  private static EmbeddingModel reference;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.start("local[2]");
    reference = Embedkit.load(MODEL);
  }

  @AfterAll
  static void stop() {
    if (reference != null) {
      reference.close();
    }
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void jsonlInputGivesTheLibrarysVectorsWhateverTheBatch() throws Exception {
    Path jsonl = SparkTestSupport.jsonl(tmp.resolve("in.jsonl"), SparkTestSupport.texts());
    Dataset<Row> input = spark.read().json(jsonl.toString()).repartition(2);
    for (int batch : new int[] {1, 3, 64}) {
      Dataset<Row> out = new EmbedkitEmbedder().setInputCol("text").setModel(MODEL).setBatchSize(batch).transform(input);
      assertMatchesLibrary(out, "vector", EmbedOptions.DEFAULTS);
    }
  }

  @Test
  void parquetInputGivesTheLibrarysVectors() throws Exception {
    Path jsonl = SparkTestSupport.jsonl(tmp.resolve("for-parquet.jsonl"), SparkTestSupport.texts());
    String parquet = tmp.resolve("in.parquet").toString();
    spark.read().json(jsonl.toString()).write().parquet(parquet);
    Dataset<Row> out = new EmbedkitEmbedder().setInputCol("text").setOutputCol("emb").transform(spark.read().parquet(parquet));
    assertEquals(DataTypes.createArrayType(DataTypes.FloatType, false), out.schema().apply("emb").dataType());
    assertMatchesLibrary(out, "emb", EmbedOptions.DEFAULTS);
  }

  @Test
  void quantisedPrecisionAndDimensionsGiveTheLibrarysBytes() throws Exception {
    Path jsonl = SparkTestSupport.jsonl(tmp.resolve("q.jsonl"), SparkTestSupport.texts());
    Dataset<Row> input = spark.read().json(jsonl.toString());
    for (String precision : new String[] {"int8", "ubinary"}) {
      Dataset<Row> out = new EmbedkitEmbedder().setInputCol("text").setPrecision(precision).setDimensions(128)
          .transform(input);
      assertEquals(DataTypes.BinaryType, out.schema().apply("vector").dataType());
      assertMatchesLibrary(out, "vector", EmbedOptions.DEFAULTS.withPrecision(Precision.fromString(precision))
          .withDimensions(128));
    }
  }

  @Test
  void pipelineSavedAndLoadedGivesTheSameOutput() throws Exception {
    Path jsonl = SparkTestSupport.jsonl(tmp.resolve("p.jsonl"), SparkTestSupport.texts());
    Dataset<Row> input = spark.read().json(jsonl.toString());
    EmbedkitEmbedder embedder = new EmbedkitEmbedder().setInputCol("text").setOutputCol("v").setDimensions(64)
        .setBatchSize(7).setThreads(1);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {embedder}).fit(input);
    String path = tmp.resolve("pipeline").toString();
    fitted.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);

    EmbedkitEmbedder stage = (EmbedkitEmbedder) loaded.stages()[0];
    assertEquals(embedder.uid(), stage.uid());
    assertEquals(embedder.settings(), stage.settings());
    List<Row> before = sortedById(fitted.transform(input));
    List<Row> after = sortedById(loaded.transform(input));
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      assertEquals(before.get(i).getString(1), after.get(i).getString(1));
      assertEquals(before.get(i).isNullAt(2), after.get(i).isNullAt(2));
      if (!before.get(i).isNullAt(2)) {
        assertArrayEquals(floats(before.get(i), "v"), floats(after.get(i), "v"));
      }
    }
    assertMatchesLibrary(loaded.transform(input), "v", EmbedOptions.DEFAULTS.withDimensions(64));
  }

  @Test
  void modelFolderShippedWithAddFileIsFoundByItsName() throws Exception {
    Path pack = Path.of(System.getProperty("embedkit.home"), "packs", MODEL);
    assertTrue(Files.isDirectory(pack), "the pack was extracted by Embedkit.load: " + pack);
    Path shipped = tmp.resolve("shipped-minilm");
    try (var files = Files.walk(pack)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = shipped.resolve(pack.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    spark.sparkContext().addFile(shipped.toString(), true); // what spark-submit --files does
    Path jsonl = SparkTestSupport.jsonl(tmp.resolve("shipped.jsonl"), SparkTestSupport.texts());
    Dataset<Row> out = new EmbedkitEmbedder().setInputCol("text").setModel("shipped-minilm")
        .transform(spark.read().json(jsonl.toString()));
    assertMatchesLibrary(out, "vector", EmbedOptions.DEFAULTS);
  }

  @Test
  void imagePathsAndBytesGiveTheImageModelsVectors() throws Exception {
    Path clip = tinyClip();
    List<Path> files = new ArrayList<>();
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      BufferedImage image = new BufferedImage(32 + 7 * i, 24 + 3 * i, BufferedImage.TYPE_INT_RGB);
      for (int x = 0; x < image.getWidth(); x++) {
        for (int y = 0; y < image.getHeight(); y++) {
          image.setRGB(x, y, ((x * 8 + i * 40) & 0xFF) << 16 | ((y * 10) & 0xFF) << 8 | (i * 50 & 0xFF));
        }
      }
      Path file = tmp.resolve("image-" + i + ".png");
      ImageIO.write(image, "png", file.toFile());
      files.add(file);
      data.add(RowFactory.create((long) i, file.toString(), Files.readAllBytes(file)));
    }
    data.add(RowFactory.create(5L, null, new byte[0]));
    Dataset<Row> input = spark.createDataFrame(data, new StructType().add("id", DataTypes.LongType)
        .add("path", DataTypes.StringType).add("bytes", DataTypes.BinaryType)).repartition(2);

    List<float[]> expected;
    try (ImageEmbeddingModel model = ImageEmbeddingModel.of(Embedkit.loadFolder(clip.toString(), clip, LoadOptions.DEFAULTS))) {
      List<ImageInput> inputs = files.stream().map(ImageInput::file).toList();
      expected = model.embedImages(inputs, EmbedOptions.DEFAULTS).vectors();
    }
    Dataset<Row> byPath = new EmbedkitEmbedder().setInputCol("path").setInputKind("image").setModel(clip.toString())
        .setBatchSize(2).transform(input);
    Dataset<Row> byBytes = new EmbedkitEmbedder().setInputCol("bytes").setModel(clip.toString()).transform(input);
    for (Dataset<Row> out : List.of(byPath, byBytes)) {
      List<Row> rows = sortedById(out);
      assertEquals(6, rows.size());
      for (int i = 0; i < 5; i++) {
        assertArrayEquals(expected.get(i), floats(rows.get(i), "vector"), "image " + i);
      }
      assertNull(rows.get(5).getAs("vector"));
    }
  }

  /** The tiny CLIP model of embedkit-image's scripts/make_tiny_models.py, with the MiniLM tokenizer beside it. */
  private static Path tinyClip() throws Exception {
    Path source = Path.of("..", "embedkit-image", "scripts", "tiny", "clip").toAbsolutePath().normalize();
    Path target = tmp.resolve("tiny-clip");
    try (var files = Files.walk(source)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    try (InputStream in = EmbedkitEmbedderTest.class.getResourceAsStream(
        "/" + BuiltinPack.ALL_MINILM_L6_V2.tokenizerResource())) {
      Files.copy(in, target.resolve("tokenizer.json"));
    }
    return target;
  }

  @Test
  void missingInputColumnFailsBeforeAnyJobNamingTheColumns() {
    Dataset<Row> input = spark.createDataFrame(List.of(RowFactory.create(1L, "a")),
        new StructType().add("id", DataTypes.LongType).add("body", DataTypes.StringType));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EmbedkitEmbedder().setInputCol("text").transform(input));
    assertEquals("input column 'text' does not exist; the columns are [id, body]", e.getMessage());
    IllegalArgumentException notText = assertThrows(IllegalArgumentException.class,
        () -> new EmbedkitEmbedder().setInputCol("id").transform(input));
    assertEquals("input column 'id' is bigint; accepted: string (texts, or image paths and URLs with inputKind"
        + " image), binary (image bytes)", notText.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EmbedkitEmbedder().setPrecision("int4"));
    assertThrows(IllegalArgumentException.class, () -> new EmbedkitEmbedder().setBatchSize(0));
  }

  @Test
  void sqlFunctionGivesTheTransformersVectors() throws Exception {
    Path jsonl = SparkTestSupport.jsonl(tmp.resolve("sql.jsonl"), SparkTestSupport.texts());
    spark.read().json(jsonl.toString()).createOrReplaceTempView("docs");
    EmbedkitFunctions.register(spark, "embed", MODEL);
    Dataset<Row> out = spark.sql("SELECT id, text, embed(text) AS vector FROM docs");
    assertMatchesLibrary(out, "vector", EmbedOptions.DEFAULTS);
    assertThrows(IllegalArgumentException.class, () -> EmbedkitFunctions.register(spark, "drop table", MODEL));
  }

  /** Every row's vector equals the library's for its text, bit for bit; null and empty texts give null. */
  private static void assertMatchesLibrary(Dataset<Row> out, String column, EmbedOptions options) {
    List<Row> rows = sortedById(out);
    List<String> texts = SparkTestSupport.texts();
    assertEquals(texts.size(), rows.size());
    List<String> embedded = new ArrayList<>();
    for (String text : texts) {
      if (text != null && !text.isEmpty()) {
        embedded.add(text);
      }
    }
    List<Embedding> expected = reference.embed(embedded, options).embeddings();
    int next = 0;
    int nulls = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      assertEquals(texts.get(i), row.getAs("text"));
      Object value = row.getAs(column);
      if (texts.get(i) == null || texts.get(i).isEmpty()) {
        assertNull(value, "row " + i);
        nulls++;
        continue;
      }
      Embedding e = expected.get(next++);
      if (e.vector() != null) {
        assertArrayEquals(e.vector(), floats(row, column), "row " + i);
      } else {
        assertArrayEquals(e.bytes(), (byte[]) value, "row " + i);
      }
    }
    assertEquals(2, nulls);
    assertFalse(expected.isEmpty());
    assertTrue(next == expected.size());
  }

  private static List<Row> sortedById(Dataset<Row> out) {
    List<Row> rows = new ArrayList<>(out.collectAsList());
    rows.sort(Comparator.comparingLong(r -> r.<Long>getAs("id")));
    return rows;
  }

  private static float[] floats(Row row, String column) {
    Seq<Object> seq = row.getAs(column);
    float[] out = new float[seq.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Float) seq.apply(i);
    }
    return out;
  }
}
