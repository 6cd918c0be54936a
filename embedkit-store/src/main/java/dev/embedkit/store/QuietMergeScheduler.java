package dev.embedkit.store;

import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lucene's concurrent merges, with a failed merge (a full disk, typically) logged as one line instead of a stack trace
 * thrown on the merge thread. The failure also reaches the next write as Lucene's tragic event, which the collection
 * reports; committed data is untouched by a failed merge.
 */
final class QuietMergeScheduler extends ConcurrentMergeScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(QuietMergeScheduler.class);
  private final String collection;

  QuietMergeScheduler(String collection) {
    this.collection = collection;
  }

  @Override
  protected void handleMergeException(Throwable exc) {
    Throwable cause = exc.getCause() != null ? exc.getCause() : exc;
    LOG.warn("collection '{}': a background merge failed: {}", collection, LuceneCollection.oneLine(cause));
  }
}
