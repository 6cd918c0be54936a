package dev.embedkit.store.cli;

import dev.embedkit.store.Collection;
import dev.embedkit.store.Page;
import dev.embedkit.store.StoredDocument;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Every document of a collection in id order, with its vectors, read a page at a time (for export). */
final class StoredDocuments implements Iterator<StoredDocument> {
  /** Documents read per page: bounds memory (a page holds its documents' vectors). */
  static final int PAGE = 256;

  private final Collection collection;
  private Iterator<StoredDocument> page;
  private String next;
  private boolean last;

  StoredDocuments(Collection collection) {
    this.collection = collection;
    read(null);
  }

  private void read(String after) {
    Page read = collection.scroll(after, PAGE, null, true);
    page = read.documents().iterator();
    next = read.next();
    last = next == null;
  }

  @Override
  public boolean hasNext() {
    if (!page.hasNext() && !last) {
      read(next);
    }
    return page.hasNext();
  }

  @Override
  public StoredDocument next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }
}
