package dev.embedkit.spark.cli;

import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/** The table formats the job reads and writes, picked by name or by a path's extension. */
enum TableFormat {
  PARQUET,
  JSONL,
  CSV;

  static TableFormat parse(String name) {
    for (TableFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + name + "'; accepted: parquet, jsonl, csv");
  }

  /** From the extension: .parquet, .jsonl/.ndjson/.json, .csv; a path without one is read and written as Parquet. */
  static TableFormat ofPath(String path) {
    String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (p.endsWith(".jsonl") || p.endsWith(".ndjson") || p.endsWith(".json")) {
      return JSONL;
    }
    if (p.endsWith(".csv")) {
      return CSV;
    }
    return PARQUET;
  }

  Dataset<Row> read(SparkSession spark, String path) {
    return switch (this) {
      case PARQUET -> spark.read().parquet(path);
      case JSONL -> spark.read().json(path);
      case CSV -> spark.read().option("header", "true").option("multiLine", "true").csv(path);
    };
  }

  /** Spark's writer name; CSV cannot hold arrays or bytes, so there the vector is a JSON array or base64 text. */
  String writer() {
    return this == JSONL ? "json" : name().toLowerCase(Locale.ROOT);
  }

  Dataset<Row> prepareForWrite(Dataset<Row> table, String vectorCol) {
    if (this != CSV) {
      return table;
    }
    Column vector = functions.col(vectorCol);
    Column text = table.schema().apply(vectorCol).dataType().equals(DataTypes.BinaryType)
        ? functions.base64(vector) : functions.to_json(vector);
    return table.withColumn(vectorCol, text);
  }
}
