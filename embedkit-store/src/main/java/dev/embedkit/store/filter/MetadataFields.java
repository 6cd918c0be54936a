package dev.embedkit.store.filter;

import java.util.Map;

/** TEMPORARY stub until the filter branch lands. */
public final class MetadataFields {
  private MetadataFields() {}

  public static void index(Map<String, Object> metadata, org.apache.lucene.document.Document doc) {
  }
}
