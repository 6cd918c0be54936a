package dev.embedkit.store;

import java.util.List;
import java.util.Map;

/**
 * A document as a collection holds it.
 *
 * @param id its id
 * @param text its whole text, or null
 * @param metadata its metadata
 * @param image its stored image reference, or null
 * @param chunks its chunks in order, each with its vector when asked for (one chunk covering the whole text, or no
 *     text, when it was not split)
 */
public record StoredDocument(String id, String text, Map<String, Object> metadata, String image,
    List<StoredChunk> chunks) {

  /** One stored chunk: its span of the text and its vector (null when not asked for). */
  public record StoredChunk(Chunk chunk, float[] vector) {}

  /** The first chunk's vector (the document's vector when it was not split), or null. */
  public float[] vector() {
    return chunks.isEmpty() ? null : chunks.get(0).vector();
  }
}
