package dev.embedkit.server.qdrant;

import dev.embedkit.store.Collection;
import dev.embedkit.store.Page;
import dev.embedkit.store.StoredDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Walking a collection's points in the store's id order under a Qdrant filter (scroll, filtered deletes, edits). */
final class QdrantScroll {
  /** Points read from the store at a time when a scroll or a delete walks many. */
  static final int SCROLL_BATCH = 1000;

  private QdrantScroll() {}

  /** Up to {@code n} matching points in the store's id order, from {@code offset} (inclusive) on. */
  static List<StoredDocument> scroll(Collection c, QdrantFilter given, String offset, int n,
      boolean withVector) {
    QdrantFilter filter = given.resolve(c.info().fields());
    if (filter == null) {
      return List.of();
    }
    if (filter.ids() != null) {
      return c.get(List.copyOf(filter.ids()), withVector).stream().filter(filter::matches)
          .filter(d -> offset == null || utf8Order(d.id(), offset) >= 0)
          .sorted(Comparator.comparing(StoredDocument::id, QdrantScroll::utf8Order)).limit(n).toList();
    }
    List<StoredDocument> out = new ArrayList<>();
    if (offset != null) {
      c.get(offset, withVector).filter(filter::matches).ifPresent(out::add);
    }
    String after = offset;
    while (out.size() < n) {
      int size = (int) Math.min((long) n - out.size() + filter.excluded().size(), SCROLL_BATCH);
      Page page = c.scroll(after, size, filter.filter(), withVector);
      for (StoredDocument document : page.documents()) {
        if (!filter.excluded().contains(document.id()) && out.size() < n) {
          out.add(document);
        }
      }
      if (page.next() == null) {
        break;
      }
      after = page.next();
    }
    return out;
  }

  /** The store's id order: UTF-8 bytes, as Lucene sorts terms. */
  static int utf8Order(String a, String b) {
    return new org.apache.lucene.util.BytesRef(a).compareTo(new org.apache.lucene.util.BytesRef(b));
  }
}
