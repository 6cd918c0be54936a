package dev.embedkit.store.filter;

import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/** TEMPORARY stub until the filter branch lands. */
public final class LuceneFilters {
  private LuceneFilters() {}

  public static Query toQuery(Filter filter, FieldKinds kinds) {
    return new MatchAllDocsQuery();
  }
}
