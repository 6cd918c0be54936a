package dev.embedkit.store.filter;

import dev.embedkit.EmbedkitException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.util.UnicodeUtil;

/**
 * How metadata is indexed for filtering, the counterpart of {@link LuceneFilters}. For a field NAME with at least one
 * value: {@code _keys} holds NAME (for EXISTS); each value goes to a field named by its kind, so that kinds never
 * mix in one Lucene field: {@code s.NAME} (StringField), {@code l.NAME} (LongPoint), {@code d.NAME} (DoublePoint,
 * -0.0 indexed as 0.0, which it equals), {@code b.NAME} (StringField "true"/"false"). A list adds each element. Nothing
 * is stored: the metadata itself is kept elsewhere.
 */
public final class MetadataFields {
  /** The field holding the names of the fields a document has. */
  public static final String KEYS = "_keys";
  public static final String STRING_PREFIX = "s.";
  public static final String LONG_PREFIX = "l.";
  public static final String DOUBLE_PREFIX = "d.";
  public static final String BOOLEAN_PREFIX = "b.";

  private MetadataFields() {}

  /** Adds the filter fields of normalised metadata ({@link dev.embedkit.store.Metadata#normalize}) to a document. */
  public static void index(Map<String, Object> metadata, Document doc) {
    for (Map.Entry<String, Object> entry : metadata.entrySet()) {
      String name = entry.getKey();
      List<?> values = entry.getValue() instanceof List<?> list ? list : List.of(entry.getValue());
      if (values.isEmpty()) {
        continue;
      }
      doc.add(new StringField(KEYS, name, Store.NO));
      for (Object value : values) {
        add(name, value, doc);
      }
    }
  }

  private static void add(String name, Object value, Document doc) {
    switch (FieldKinds.Kind.of(value)) {
      case STRING -> {
        String s = (String) value;
        if (UnicodeUtil.calcUTF16toUTF8Length(s, 0, s.length()) > IndexWriter.MAX_TERM_LENGTH) {
          throw EmbedkitException.invalidInput("metadata field '" + name + "' holds a string longer than "
              + IndexWriter.MAX_TERM_LENGTH + " UTF-8 bytes, the limit for a filterable value");
        }
        doc.add(new StringField(STRING_PREFIX + name, s, Store.NO));
      }
      case LONG -> doc.add(new LongPoint(LONG_PREFIX + name, (Long) value));
      case DOUBLE -> doc.add(new DoublePoint(DOUBLE_PREFIX + name, (Double) value + 0.0)); // -0.0 + 0.0 is 0.0
      case BOOLEAN -> doc.add(new StringField(BOOLEAN_PREFIX + name, value.toString(), Store.NO));
    }
  }
}
