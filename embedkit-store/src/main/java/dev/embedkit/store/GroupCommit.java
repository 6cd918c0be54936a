package dev.embedkit.store;

import java.io.IOException;
import org.apache.lucene.index.IndexWriter;

/**
 * Group commit: a writer that needs its operation durable calls {@link #await} with the operation's sequence number.
 * One thread at a time runs {@link IndexWriter#commit()} (fsync of the new files, then an atomic rename of the
 * segments file); writers that arrive while it runs wait and share the next commit. So an acknowledged write is on
 * disk, concurrent writers pay for one fsync between them, and the delay a writer sees is bounded by two commits.
 */
final class GroupCommit {
  private final IndexWriter writer;
  private final Runnable beforeCommit;
  private long committed = -1;
  private boolean committing;
  private long commits;

  GroupCommit(IndexWriter writer, Runnable beforeCommit) {
    this.writer = writer;
    this.beforeCommit = beforeCommit;
  }

  /** Returns once every operation up to {@code sequenceNumber} is in a commit. */
  void await(long sequenceNumber) throws IOException {
    synchronized (this) {
      while (true) {
        if (committed >= sequenceNumber) {
          return;
        }
        if (!committing) {
          committing = true;
          break;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for a commit", e);
        }
      }
    }
    long covered = -1;
    try {
      long completed = writer.getMaxCompletedSequenceNumber();
      beforeCommit.run();
      long result = writer.commit();
      covered = Math.max(completed, result);
    } finally {
      synchronized (this) {
        committing = false;
        if (covered >= 0) {
          committed = Math.max(committed, covered);
          commits++;
        }
        notifyAll();
      }
    }
    if (covered < sequenceNumber) {
      await(sequenceNumber);
    }
  }

  synchronized long commits() {
    return commits;
  }
}
