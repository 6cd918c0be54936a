package dev.embedkit.spark;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
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
 * model. Each output row is the input row plus the embedding; a null or empty input gives a null embedding and is not
 * sent to the model, so every other row's vector is exactly what {@code model.embed(texts, options)} (or, for images,
 * {@code embedImages}) gives it, whatever its batch (a model's vector for one input never depends on the others).
 */
final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
  private final EmbedSettings settings;
  private final int inputIndex;
  private final boolean images;
  private final StructType outputSchema;

  /**
   * @param images whether the input column holds images (file paths, URLs or data URIs as strings, or bytes) for an
   *     image model, rather than texts
   */
  EmbedPartition(EmbedSettings settings, int inputIndex, boolean images, StructType outputSchema) {
    this.settings = settings;
    this.inputIndex = inputIndex;
    this.images = images;
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
    List<Object> inputs = new ArrayList<>(settings.batchSize());
    while (in.size() < settings.batchSize() && rows.hasNext()) {
      Row row = rows.next();
      in.add(row);
      Object input = input(row);
      if (input != null) {
        inputs.add(input);
      }
    }
    List<Embedding> embeddings = inputs.isEmpty() ? List.of() : embed(model, inputs, options);
    List<Row> out = new ArrayList<>(in.size());
    int next = 0;
    for (Row row : in) {
      Object vector = input(row) == null ? null : VectorColumn.value(embeddings.get(next++));
      out.add(withVector(row, vector));
    }
    return out;
  }

  private List<Embedding> embed(EmbeddingModel model, List<Object> inputs, EmbedOptions options) {
    if (!images) {
      List<String> texts = new ArrayList<>(inputs.size());
      inputs.forEach(i -> texts.add((String) i));
      return model.embed(texts, options).embeddings();
    }
    List<ImageInput> list = new ArrayList<>(inputs.size());
    for (Object input : inputs) {
      list.add(input instanceof byte[] bytes
          ? ImageInput.bytes(bytes, "image bytes") : ImageInput.parse((String) input));
    }
    return ImageEmbeddingModel.of(model).embedImages(list, options).embeddings();
  }

  /** The row's text, image reference or image bytes, or null for a null or empty one (which gets no embedding). */
  private Object input(Row row) {
    if (row.isNullAt(inputIndex)) {
      return null;
    }
    Object value = row.get(inputIndex);
    if (value instanceof byte[] bytes) {
      return bytes.length == 0 ? null : bytes;
    }
    String text = (String) value;
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
