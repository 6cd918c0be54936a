package dev.embedkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: Spark local[2] with the Transformer against the library as {@code embedkit embed} drives it
 * (one model, default threads, chunks of 256), on the same texts, in one JVM, each after a warm-up, median of
 * passes. Run only when asked:
 *
 * <pre>
 * mvn -o -q -pl embedkit-spark -am test -Dtest=SparkThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dembedkit.bench.spark=2000 [-Dembedkit.bench.spark.input=FILE] [-Dembedkit.bench.spark.passes=3]
 * </pre>
 *
 * {@code embedkit.bench.spark} is the number of generated sentences (seeded), or with {@code .input} a file of one
 * text per line is used instead. Prints one line per target and the ratio, and writes them to
 * target/spark-throughput.txt.
 */
@EnabledIfSystemProperty(named = "embedkit.bench.spark", matches = "\\d+",
    disabledReason = "a benchmark: run with -Dembedkit.bench.spark=SENTENCES")
class SparkThroughputBench {
  private static final String MODEL = "all-minilm-l6-v2";
  private static final int CLI_CHUNK = 256;

  @Test
  void sparkLocal2AgainstTheLibrary() throws Exception {
    List<String> texts = texts();
    int passes = Integer.getInteger("embedkit.bench.spark.passes", 3);
    List<String> warmup = texts.subList(0, Math.min(300, texts.size()));

    double library;
    try (EmbeddingModel model = Embedkit.load(MODEL)) {
      embedLikeTheCli(model, warmup);
      List<Double> rates = new ArrayList<>();
      for (int i = 0; i < passes; i++) {
        long start = System.nanoTime();
        embedLikeTheCli(model, texts);
        rates.add(texts.size() / ((System.nanoTime() - start) / 1e9));
      }
      library = median(rates);
    }

    SparkSession spark = SparkTestSupport.start("local[2]");
    double sparkRate;
    try {
      Dataset<Row> input = spark.createDataset(texts, Encoders.STRING()).toDF("text").repartition(2).cache();
      assertEquals(texts.size(), input.count());
      EmbedkitEmbedder embedder = new EmbedkitEmbedder().setInputCol("text").setModel(MODEL);
      embedder.transform(input.limit(warmup.size())).write().format("noop").mode("overwrite").save();
      List<Double> rates = new ArrayList<>();
      for (int i = 0; i < passes; i++) {
        long start = System.nanoTime();
        embedder.transform(input).write().format("noop").mode("overwrite").save();
        rates.add(texts.size() / ((System.nanoTime() - start) / 1e9));
      }
      sparkRate = median(rates);
    } finally {
      spark.stop();
    }

    String report = String.format(Locale.ROOT, "texts=%d passes=%d cores=%d%nlibrary (embedkit embed: chunks of %d,"
        + " threads=cores): %.1f sentences/s%nspark local[2] (EmbedkitEmbedder, batch %d, 2 partitions): %.1f"
        + " sentences/s%nspark / library: %.1f%%%n", texts.size(), passes, Runtime.getRuntime().availableProcessors(),
        CLI_CHUNK, library, EmbedSettings.DEFAULT_BATCH_SIZE, sparkRate, 100 * sparkRate / library);
    System.out.print(report);
    Files.writeString(Path.of("target/spark-throughput.txt"), report, StandardCharsets.UTF_8);
  }

  private static void embedLikeTheCli(EmbeddingModel model, List<String> texts) {
    for (int from = 0; from < texts.size(); from += CLI_CHUNK) {
      model.embed(texts.subList(from, Math.min(texts.size(), from + CLI_CHUNK)), EmbedOptions.DEFAULTS);
    }
  }

  private static List<String> texts() throws Exception {
    String file = System.getProperty("embedkit.bench.spark.input");
    if (file != null) {
      return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
    }
    String[] words = ("the a of and to in is that for it as was with be by on not he this are or his from at which"
        + " but have an they you were her she there one all we their been has when who will more no if out so said"
        + " what up its about into than them can only other new some could time these two may then do first any my"
        + " now such like our over man me even most made after also did many before must through back years where"
        + " much your way well down should because each just those people how too little state good very make world"
        + " still own see men work long get here between both life being under never day same another know while"
        + " last might us great old year off come since against go came right used take three river database cat")
        .split(" ");
    Random random = new Random(42);
    int n = Integer.getInteger("embedkit.bench.spark");
    List<String> texts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int length = 5 + random.nextInt(51);
      StringBuilder sentence = new StringBuilder();
      for (int w = 0; w < length; w++) {
        sentence.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
      }
      texts.add(sentence.append('.').toString());
    }
    return texts;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
