package dev.embedkit.store.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Metadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class LuceneFiltersTest {
  private static final List<String> FIELDS = List.of("n", "s", "tags", "flag", "mix", "opt", "never");

  /** An in-memory index of documents, searched by filters. */
  private static final class Index implements AutoCloseable {
    final List<Map<String, Object>> docs;
    final FieldKinds kinds = new FieldKinds();
    final DirectoryReader reader;
    final IndexSearcher searcher;
    final int[] idOf;

    Index(List<Map<String, Object>> docs) throws IOException {
      this.docs = docs;
      ByteBuffersDirectory directory = new ByteBuffersDirectory();
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
        for (int id = 0; id < docs.size(); id++) {
          Document doc = new Document();
          doc.add(new StoredField("id", id));
          MetadataFields.index(docs.get(id), doc);
          kinds.observe(docs.get(id));
          writer.addDocument(doc);
        }
      }
      reader = DirectoryReader.open(directory);
      searcher = new IndexSearcher(reader);
      searcher.setQueryCache(null); // every query runs against the index, none answered from a cache
      idOf = new int[reader.maxDoc()];
      StoredFields stored = reader.storedFields();
      for (int doc = 0; doc < idOf.length; doc++) {
        idOf[doc] = stored.document(doc).getField("id").numericValue().intValue();
      }
    }

    TreeSet<Integer> lucene(Query query) throws IOException {
      TreeSet<Integer> ids = new TreeSet<>();
      for (ScoreDoc hit : searcher.search(query, Math.max(1, docs.size())).scoreDocs) {
        ids.add(idOf[hit.doc]);
      }
      return ids;
    }

    TreeSet<Integer> evaluator(Filter filter) {
      TreeSet<Integer> ids = new TreeSet<>();
      for (int id = 0; id < docs.size(); id++) {
        if (FilterEvaluator.matches(filter, docs.get(id))) {
          ids.add(id);
        }
      }
      return ids;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  private static Object number(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> RandomFilters.LONGS.get(random.nextInt(RandomFilters.LONGS.size()));
      case 1 -> RandomFilters.DOUBLES.get(random.nextInt(RandomFilters.DOUBLES.size()));
      case 2 -> (long) (random.nextInt(9) - 4);
      default -> (random.nextInt(17) - 8) / 2.0;
    };
  }

  private static Object value(String field, RandomFilters values) {
    Random random = values.random();
    return switch (field) {
      case "n" -> number(random);
      case "s", "tags" -> values.pick(RandomFilters.STRINGS);
      case "flag" -> random.nextBoolean();
      default -> random.nextInt(3) == 0 ? number(random) : values.anyValue();
    };
  }

  private static List<Map<String, Object>> documents(long seed, int count) {
    RandomFilters values = new RandomFilters(seed, FIELDS);
    Random random = values.random();
    List<Map<String, Object>> docs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> metadata = new HashMap<>();
      for (String field : FIELDS.subList(0, 6)) {
        if (random.nextDouble() < (field.equals("opt") ? 0.1 : 0.65)) {
          boolean list = field.equals("tags") || random.nextInt(4) == 0;
          if (list) {
            List<Object> elements = new ArrayList<>();
            int n = random.nextInt(4); // 0: an empty list, an absent field
            for (int k = 0; k < n; k++) {
              elements.add(value(field, values));
            }
            metadata.put(field, elements);
          } else {
            metadata.put(field, value(field, values));
          }
        }
      }
      docs.add(Metadata.normalize(metadata));
    }
    docs.add(Map.of("never", List.of()));
    return docs;
  }

  @Test
  void luceneMatchesExactlyWhatTheEvaluatorMatches() throws IOException {
    try (Index index = new Index(documents(11, 300))) {
      RandomFilters filters = new RandomFilters(12, FIELDS);
      int validated = 0;
      int selective = 0;
      int total = 3_000;
      for (int i = 0; i < total; i++) {
        Filter filter = filters.filter(1 + i % 4);
        Query query;
        try {
          query = LuceneFilters.toQuery(filter, index.kinds);
          validated++;
        } catch (EmbedkitException e) {
          query = LuceneFilters.translate(filter); // the semantics hold for filters the validator refuses too
        }
        TreeSet<Integer> expected = index.evaluator(filter);
        TreeSet<Integer> actual = index.lucene(query);
        if (!expected.equals(actual)) {
          TreeSet<Integer> diff = new TreeSet<>(expected);
          diff.addAll(actual);
          diff.removeIf(id -> expected.contains(id) && actual.contains(id));
          int id = diff.first();
          fail("filter " + FilterPrinter.print(filter) + " differs on " + diff.size() + " docs, e.g. doc " + id + " "
              + index.docs.get(id) + ": evaluator " + expected.contains(id) + ", lucene " + actual.contains(id)
              + "; query " + query);
        }
        if (!expected.isEmpty() && expected.size() < index.docs.size()) {
          selective++;
        }
      }
      // the test means something only when many filters pass validation and split the documents
      assertTrue(validated > total / 10, "validated " + validated);
      assertTrue(selective > total / 2, "selective " + selective);
    }
  }

  @Test
  void edgeValuesAgreeOnEveryOperator() throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    List<Object> values = new ArrayList<>(RandomFilters.LONGS);
    values.addAll(RandomFilters.DOUBLES);
    values.addAll(List.of(Math.nextDown(0x1p63), Math.nextUp(-0x1p63), 0x1p53 + 2, (1L << 53) + 2, 2.0, -2.0, 3L,
        Long.MIN_VALUE + 1));
    for (Object value : values) {
      docs.add(Map.of("x", value));
    }
    try (Index index = new Index(docs)) {
      for (Object literal : values) {
        for (Filter.Op op : Filter.Op.values()) {
          Filter filter = new Filter.Compare("x", op, literal);
          assertEquals(index.evaluator(filter), index.lucene(LuceneFilters.toQuery(filter, index.kinds)),
              FilterPrinter.print(filter));
        }
        Filter in = new Filter.In("x", List.of(literal));
        assertEquals(index.evaluator(in), index.lucene(LuceneFilters.toQuery(in, index.kinds)),
            FilterPrinter.print(in));
      }
    }
  }

  @Test
  void complementsMatchDocumentsLackingTheField() throws IOException {
    List<Map<String, Object>> docs = List.of(Map.of("lang", "en"), Map.of("lang", "de"), Map.of("year", 1L),
        Map.of("lang", List.of()));
    try (Index index = new Index(docs)) {
      assertEquals(new TreeSet<>(List.of(1, 2, 3)), index.lucene(query("lang != 'en'", index)));
      assertEquals(new TreeSet<>(List.of(1, 2, 3)), index.lucene(query("lang NOT IN ('en')", index)));
      assertEquals(new TreeSet<>(List.of(1, 2, 3)), index.lucene(query("NOT lang = 'en'", index)));
      assertEquals(new TreeSet<>(List.of(2, 3)), index.lucene(query("lang IS NULL", index)));
      assertEquals(new TreeSet<>(List.of(0)), index.lucene(query("lang = 'en'", index)));
    }
  }

  @Test
  void largeInListsStayUnderTheClauseLimit() throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      docs.add(Map.of("id", "doc" + i, "n", (long) i, "x", i + 0.5));
    }
    List<Object> strings = new ArrayList<>();
    List<Object> numbers = new ArrayList<>();
    for (int i = 0; i < 20_000; i += 2) {
      strings.add("doc" + i);
      numbers.add((long) i);
      numbers.add(i + 0.5);
    }
    try (Index index = new Index(docs)) {
      Filter filter = Filter.or(new Filter.In("id", strings), new Filter.In("n", numbers),
          new Filter.Not(new Filter.In("x", numbers)));
      Query query = LuceneFilters.toQuery(filter, index.kinds);
      assertEquals(index.evaluator(filter), index.lucene(query));
      assertEquals(50, index.lucene(query).size());
      assertEquals(25, index.lucene(LuceneFilters.toQuery(new Filter.In("id", strings), index.kinds)).size());
    }
  }

  @Test
  void metadataIsIndexedUnderTheDocumentedFieldNames() {
    Document doc = new Document();
    MetadataFields.index(Metadata.normalize(Map.of("s", "v", "l", 3, "d", 2.5, "b", true, "list", List.of("a", 1L),
        "empty", List.of())), doc);
    List<String> names = new ArrayList<>();
    for (IndexableField field : doc.getFields()) {
      names.add(field.name() + (field.name().equals(MetadataFields.KEYS) ? "=" + field.stringValue() : ""));
    }
    names.sort(null);
    assertEquals(List.of("_keys=b", "_keys=d", "_keys=l", "_keys=list", "_keys=s", "b.b", "d.d", "l.l", "l.list",
        "s.list", "s.s"), names);
  }

  @Test
  void stringsTooLongForATermAreRefusedWhenIndexed() {
    Map<String, Object> metadata = Map.of("text", "é".repeat(IndexWriter.MAX_TERM_LENGTH / 2 + 1));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> MetadataFields.index(metadata, new Document()));
    assertTrue(e.getMessage().contains("metadata field 'text' holds a string longer than 32766 UTF-8 bytes"),
        e.getMessage());
  }

  @Test
  void validationRunsBeforeTranslation() {
    FieldKinds kinds = new FieldKinds();
    kinds.observe(Map.of("year", 2020L));
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> LuceneFilters.toQuery(FilterParser.parse("year = 'x'"), kinds));
    assertTrue(e.getMessage().startsWith("filter compares field 'year'"), e.getMessage());
  }

  private static Query query(String filter, Index index) {
    return LuceneFilters.toQuery(FilterParser.parse(filter), index.kinds);
  }
}
