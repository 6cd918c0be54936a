package dev.embedkit.store;

import java.util.Map;
import java.util.Objects;

/**
 * A document to add to a collection.
 *
 * @param id unique within the collection (1 to 512 chars); a later upsert with the same id replaces it
 * @param text the text to embed and to index for keyword search; null for image or vector-only documents
 * @param metadata field name to value: String, Long, Double, Boolean, or a list of those (dates as ISO strings);
 *     normalised by {@link Metadata#normalize} (ints become longs, floats doubles; NaN and infinities refused)
 * @param vector a precomputed vector (required for external-vector collections, else optional: it skips inference and
 *     must have the collection's dimensions), or null
 * @param image for image-model collections: a file path, an http(s) URL or a data URI; a path or URL is stored as
 *     the document's thumbnail reference (a data URI is not kept); null otherwise
 */
public record Document(String id, String text, Map<String, Object> metadata, float[] vector, String image) {
  public Document {
    Objects.requireNonNull(id, "id");
    metadata = Metadata.normalize(metadata);
  }

  public static Document of(String id, String text) {
    return new Document(id, text, Map.of(), null, null);
  }

  public static Document of(String id, String text, Map<String, Object> metadata) {
    return new Document(id, text, metadata, null, null);
  }

  public Document withVector(float[] newVector) {
    return new Document(id, text, metadata, newVector, image);
  }
}
