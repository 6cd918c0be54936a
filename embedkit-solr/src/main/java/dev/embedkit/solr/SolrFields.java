package dev.embedkit.solr;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.filter.FieldKinds.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.util.UnicodeUtil;
import org.apache.solr.common.SolrInputDocument;

/**
 * The fields of embedkit's Solr schema ({@code configset/schema.xml}) and how metadata is indexed for filters, the
 * counterpart of {@link SolrFilters}: for a metadata field NAME with at least one value, {@code keys} holds NAME (for
 * EXISTS), {@code kinds} holds {@code NAME/KIND}, and each value goes to a field of its kind, {@code m_E_ss},
 * {@code m_E_ls}, {@code m_E_ds} (-0.0 indexed as 0.0) or {@code m_E_bs}, where E is NAME {@linkplain #encode encoded}
 * so that any metadata name is a plain Solr field name that needs no escaping in a query.
 */
final class SolrFields {
  static final String ID = "id";
  static final String DOC_ID = "doc_id";
  static final String CHUNK = "chunk";
  static final String CHUNKS = "chunks";
  static final String START = "start";
  static final String END = "end";
  static final String TEXT = "text";
  static final String META = "meta";
  static final String IMAGE = "image";
  static final String BODY = "body";
  static final String KEYS = "keys";
  static final String KINDS = "kinds";
  static final String VECTOR = "vector";
  /** Separates a metadata name from its kind in {@link #KINDS}; names may hold '/', so the last one counts. */
  static final char KIND_SEPARATOR = '/';

  private SolrFields() {}

  /** The Solr id of a document's chunk: {@code DOCID#N} (split at the last '#', so it is unique for any DOCID). */
  static String chunkId(String documentId, int chunk) {
    return documentId + "#" + chunk;
  }

  /**
   * A metadata name as a Solr field name part: ASCII letters and digits are kept, every other UTF-16 char becomes
   * {@code _HHHH_} (its hex code), '_' included, so two names never share an encoding.
   */
  static String encode(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 128 && Character.isLetterOrDigit(c)) {
        out.append(c);
      } else {
        out.append('_').append(String.format(Locale.ROOT, "%04x", (int) c)).append('_');
      }
    }
    return out.toString();
  }

  /** The Solr field holding values of this kind for a metadata field. */
  static String field(String name, Kind kind) {
    return "m_" + encode(name) + switch (kind) {
      case STRING -> "_ss";
      case LONG -> "_ls";
      case DOUBLE -> "_ds";
      case BOOLEAN -> "_bs";
    };
  }

  /** Adds the filter fields of normalised metadata to a chunk's Solr document. */
  static void index(Map<String, Object> metadata, SolrInputDocument doc) {
    for (Map.Entry<String, Object> entry : metadata.entrySet()) {
      String name = entry.getKey();
      List<?> values = entry.getValue() instanceof List<?> list ? list : List.of(entry.getValue());
      if (values.isEmpty()) {
        continue;
      }
      doc.addField(KEYS, name);
      java.util.EnumSet<Kind> kinds = java.util.EnumSet.noneOf(Kind.class);
      for (Object value : values) {
        Kind kind = Kind.of(value);
        kinds.add(kind);
        Object indexed = value;
        if (value instanceof String s
            && UnicodeUtil.calcUTF16toUTF8Length(s, 0, s.length()) > IndexWriter.MAX_TERM_LENGTH) {
          throw EmbedkitException.invalidInput("metadata field '" + name + "' holds a string longer than "
              + IndexWriter.MAX_TERM_LENGTH + " UTF-8 bytes, the limit for a filterable value");
        }
        if (value instanceof Double d) {
          indexed = d + 0.0; // -0.0 + 0.0 is 0.0, which it equals
        }
        doc.addField(field(name, kind), indexed);
      }
      for (Kind kind : kinds) {
        doc.addField(KINDS, name + KIND_SEPARATOR + kind.label());
      }
    }
  }
}
