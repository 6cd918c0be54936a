package dev.embedkit.store;

import dev.embedkit.EmbedkitException;
import dev.embedkit.vector.Metric;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What every {@link Collection} implementation refuses before it writes or searches, with the same one-line messages
 * (the embedded store and embedkit-solr's SolrCollection both check through here).
 */
public final class DocumentChecks {
  /** The longest document id, in chars. */
  public static final int MAX_ID_LENGTH = 512;

  private DocumentChecks() {}

  /** A document id: 1 to {@value #MAX_ID_LENGTH} chars. */
  public static void checkId(String id) {
    if (id == null || id.isEmpty()) {
      throw EmbedkitException.invalidInput("a document id is empty; ids are 1 to " + MAX_ID_LENGTH + " chars");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw EmbedkitException.invalidInput("document id '" + id.substring(0, 40) + "...' is " + id.length()
          + " chars; the limit is " + MAX_ID_LENGTH);
    }
  }

  /**
   * A batch to write: no null document, valid and unique ids, vectors that fit, something to embed (text, image or a
   * vector) and a model that can embed it.
   *
   * @param embedder the collection's model, or null when it has none here (external vectors, or opened without it)
   */
  public static void checkBatch(CollectionConfig config, CollectionEmbedder embedder, List<Document> documents) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < documents.size(); i++) {
      Document document = documents.get(i);
      if (document == null) {
        throw EmbedkitException.invalidInputAt(i, "is null");
      }
      checkId(document.id());
      if (!seen.add(document.id())) {
        throw EmbedkitException.invalidInput("document id '" + document.id() + "' appears twice in one batch"
            + " (document " + i + "); ids in a batch must be unique");
      }
      if (document.vector() != null) {
        checkVector(config, document.vector(), "document '" + document.id() + "'");
      } else if (config.externalVectors()) {
        throw EmbedkitException.invalidInput("document '" + document.id() + "' has no vector; collection '"
            + config.name() + "' holds external vectors of " + config.dimensions() + " dimensions");
      } else if (embedder == null) {
        throw EmbedkitException.unsupported("collection '" + config.name() + "' was opened without its model "
            + config.model().name() + "; it cannot embed document '" + document.id() + "'");
      }
      if (document.image() != null && document.text() != null) {
        throw EmbedkitException.invalidInput("document '" + document.id() + "' has both text and an image; give"
            + " one (put a caption in metadata)");
      }
      if (document.image() != null && document.vector() == null && !embedder.takesImages()) {
        throw EmbedkitException.unsupported("document '" + document.id() + "' has an image but the collection's"
            + " model " + config.model().name() + " embeds text only");
      }
      if (document.vector() == null && document.image() == null
          && (document.text() == null || document.text().isBlank())) {
        throw EmbedkitException.invalidInput("document '" + document.id() + "' has no text, image or vector;"
            + " give at least one");
      }
    }
  }

  /** A caller's vector: the collection's dimensions, finite values, and for cosine not all zero. */
  public static void checkVector(CollectionConfig config, float[] vector, String what) {
    if (vector.length != config.dimensions()) {
      throw EmbedkitException.invalidInput(what + " has a vector of " + vector.length + " dimensions; collection '"
          + config.name() + "' holds " + config.dimensions());
    }
    boolean allZero = true;
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw EmbedkitException.invalidInput(what + " has a non-finite number (" + vector[i] + ") at index " + i
            + " of its vector; only finite numbers are accepted");
      }
      allZero &= vector[i] == 0f;
    }
    if (allZero && config.similarity() == Metric.COSINE) {
      throw EmbedkitException.invalidInput(what + " has an all-zero vector, which has no cosine similarity");
    }
  }
}
