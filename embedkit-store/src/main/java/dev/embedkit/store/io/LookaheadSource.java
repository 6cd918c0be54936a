package dev.embedkit.store.io;

import dev.embedkit.store.Document;
import java.util.NoSuchElementException;

/**
 * A {@link DocumentSource} that reads one document ahead: subclasses say how to read the next one ({@link #read},
 * null at the end), this class keeps it until {@link #next} hands it out.
 */
abstract class LookaheadSource implements DocumentSource {
  private Document pending;
  private boolean ended;

  /** The next document, or null when there is none. Called once after the end at most. */
  protected abstract Document read();

  @Override
  public final boolean hasNext() {
    if (pending == null && !ended) {
      pending = read();
      ended = pending == null;
    }
    return pending != null;
  }

  @Override
  public final Document next() {
    if (!hasNext()) {
      throw new NoSuchElementException(source() + " has no more documents");
    }
    Document next = pending;
    pending = null;
    return next;
  }

  /** Ends the source: later calls find no document (for {@link #close}). */
  protected final void end() {
    pending = null;
    ended = true;
  }
}
