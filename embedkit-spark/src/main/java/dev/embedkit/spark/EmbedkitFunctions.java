package dev.embedkit.spark;

import dev.embedkit.Embedding;
import dev.embedkit.quant.Precision;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;

/**
 * SQL functions for ad hoc use: {@code SELECT embed(text) FROM docs}. A function embeds one row per call, so it cannot
 * batch: for a whole table use {@link EmbedkitEmbedder}, which embeds a partition's rows in batches and is the fast
 * path. Both give the same vectors; both use the executor's one shared model.
 *
 * <pre>{@code
 * EmbedkitFunctions.register(spark, "embed", "all-minilm-l6-v2");
 * spark.sql("SELECT id, embed(text) AS vector FROM docs").show();
 * }</pre>
 */
public final class EmbedkitFunctions {
  private EmbedkitFunctions() {}

  /** Registers {@code name(text)} returning {@code array<float>} with the model's default options. */
  public static void register(SparkSession spark, String name, String model) {
    register(spark, name, new EmbedSettings(model, null, null, null, Precision.FLOAT32, 1));
  }

  /**
   * Registers {@code name(text)} with these settings: {@code array<float>} for float32, {@code binary} otherwise; a
   * null or empty text gives null.
   */
  public static void register(SparkSession spark, String name, EmbedSettings settings) {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("function name '" + name + "' is not an SQL identifier; accepted: letters,"
          + " digits and _, not starting with a digit");
    }
    UDF1<String, Object> embed = text -> {
      if (text == null || text.isEmpty()) {
        return null;
      }
      Embedding embedding = settings.sharedModel().embed(List.of(text), settings.options()).embeddings().get(0);
      return VectorColumn.value(embedding);
    };
    spark.udf().register(name, embed, VectorColumn.type(settings.precision()));
  }
}
