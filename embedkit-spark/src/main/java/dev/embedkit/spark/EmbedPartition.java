package dev.embedkit.spark;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Embeds one partition in batches of {@code batchSize} rows, lazily (one batch in memory), with the executor's shared
 * model. Each output row is the input row plus the embedding; a null or empty text gives a null embedding and is not
 * sent to the model, so every other row's vector is exactly what {@code model.embed(texts, options)} gives it, whatever
 * its batch (a model's vector for one input never depends on the other inputs of the call).
 */
final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
  private final EmbedSettings settings;
  private final int textIndex;
  private final StructType outputSchema;

  EmbedPartition(EmbedSettings settings, int textIndex, StructType outputSchema) {
    this.settings = settings;
    this.textIndex = textIndex;
    this.outputSchema = outputSchema;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    if (!rows.hasNext()) {
      return rows; // an empty partition loads no model
    }
    EmbeddingModel model = settings.sharedModel();
    EmbedOptions options = settings.options();
    return new Iterator<>() {
      private Iterator<Row> batch = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        return batch.hasNext() || rows.hasNext();
      }

      @Override
      public Row next() {
        if (!batch.hasNext()) {
          if (!rows.hasNext()) {
            throw new NoSuchElementException();
          }
          batch = embedBatch(rows, model, options).iterator();
        }
        return batch.next();
      }
    };
  }

  private List<Row> embedBatch(Iterator<Row> rows, EmbeddingModel model, EmbedOptions options) {
    List<Row> in = new ArrayList<>(settings.batchSize());
    List<String> texts = new ArrayList<>(settings.batchSize());
    while (in.size() < settings.batchSize() && rows.hasNext()) {
      Row row = rows.next();
      in.add(row);
      String text = text(row);
      if (text != null) {
        texts.add(text);
      }
    }
    List<Embedding> embeddings = texts.isEmpty() ? List.of() : model.embed(texts, options).embeddings();
    List<Row> out = new ArrayList<>(in.size());
    int next = 0;
    for (Row row : in) {
      Object vector = text(row) == null ? null : VectorColumn.value(embeddings.get(next++));
      out.add(withVector(row, vector));
    }
    return out;
  }

  /** The row's text, or null for a null or empty one (which gets no embedding). */
  private String text(Row row) {
    if (row.isNullAt(textIndex)) {
      return null;
    }
    String text = row.getString(textIndex);
    return text.isEmpty() ? null : text;
  }

  private Row withVector(Row row, Object vector) {
    int n = row.length();
    Object[] values = new Object[n + 1];
    for (int i = 0; i < n; i++) {
      values[i] = row.get(i);
    }
    values[n] = vector;
    return new GenericRowWithSchema(values, outputSchema);
  }
}
