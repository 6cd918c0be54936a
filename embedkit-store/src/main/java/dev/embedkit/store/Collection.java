package dev.embedkit.store;

import dev.embedkit.store.filter.Filter;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A named set of documents with their vectors, searched by meaning (kNN), by keywords (BM25) or both. The embedded
 * implementation is {@link LuceneCollection}; a SolrCloud one can stand behind the same interface.
 *
 * <p>Writes are durable when they return: an acknowledged write survives a crash of the process (see
 * {@link LuceneCollection} for the commit policy). Reads see every acknowledged write of this process at once.
 * Instances are thread-safe.
 */
public interface Collection extends AutoCloseable {

  CollectionConfig config();

  CollectionInfo info();

  /**
   * Adds documents whose ids are new; an id already held, or repeated in the batch, fails the whole batch (nothing is
   * written) with a CONFLICT or INVALID_INPUT error naming it.
   *
   * @return the number of chunks (vectors) written
   */
  long add(List<Document> documents);

  /** Adds or replaces documents by id (a repeated id in the batch is refused). Returns the chunks written. */
  long upsert(List<Document> documents);

  /**
   * Upserts a stream of documents in the model's batches, never holding more than one batch, reporting progress;
   * each batch is durable when the listener hears of it.
   *
   * @return documents written
   */
  long ingest(Iterator<Document> documents, IngestListener listener);

  Optional<StoredDocument> get(String id, boolean withVectors);

  List<StoredDocument> get(List<String> ids, boolean withVectors);

  /** Deletes by id; unknown ids are ignored. Returns how many documents were deleted. */
  long delete(List<String> ids);

  /** Deletes every document the filter matches (null refused: use {@link #clear}). Returns how many. */
  long delete(Filter filter);

  /** Deletes every document. */
  long clear();

  long count();

  long count(Filter filter);

  /** Documents in id order after {@code after} (null: from the start), optionally filtered. */
  Page scroll(String after, int limit, Filter filter, boolean withVectors);

  List<SearchHit> search(SearchRequest request);

  /** Merges segments and drops deleted documents. */
  void compact();

  @Override
  void close();

  /** Hears about ingest progress. */
  interface IngestListener {
    IngestListener NONE = (documents, chunks) -> {};

    /** Called after each durable batch with running totals. */
    void written(long documents, long chunks);
  }
}
