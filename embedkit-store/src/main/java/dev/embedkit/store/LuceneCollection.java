package dev.embedkit.store;

import static dev.embedkit.store.LuceneSchema.CHUNK;
import static dev.embedkit.store.LuceneSchema.END;
import static dev.embedkit.store.LuceneSchema.FIRST;
import static dev.embedkit.store.LuceneSchema.ID;
import static dev.embedkit.store.LuceneSchema.IMAGE;
import static dev.embedkit.store.LuceneSchema.META;
import static dev.embedkit.store.LuceneSchema.SORT_ID;
import static dev.embedkit.store.LuceneSchema.START;
import static dev.embedkit.store.LuceneSchema.TEXT;
import static dev.embedkit.store.LuceneSchema.VECTOR;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.store.filter.FieldKinds;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.LuceneFilters;
import dev.embedkit.store.filter.MetadataFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * A collection embedded in this process: a Lucene 9.12 index in {@code FOLDER/index} and its settings in
 * {@code FOLDER/collection.json}.
 *
 * <p>Durability: every write (add, upsert, delete, ingest batch) returns only after a Lucene commit that contains it
 * ({@link GroupCommit}: fsync of the new files, then an atomic rename of the segments file), so an acknowledged write
 * survives kill -9 and power loss, and a reader, in this process or another, sees either the whole write or none of it.
 * Concurrent writers share commits. One process writes (Lucene's {@code write.lock}, an OS file lock released when the
 * process dies, so a folder left locked by a dead process reopens); another process opening the collection for writing
 * gets a CONFLICT error at once, and can open it read-only, seeing each new commit on its next read.
 */
public final class LuceneCollection implements Collection {
  /** Longest document id. */
  public static final int MAX_ID_LENGTH = DocumentChecks.MAX_ID_LENGTH;
  /** Documents embedded and written together during {@link #ingest}. */
  static final int INGEST_BATCH = 64;
  /** Documents that bring their vectors, written together during {@link #ingest}. */
  static final int INGEST_VECTOR_BATCH = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TermQuery FIRST_CHUNKS = new TermQuery(new Term(FIRST, "1"));
  private static final String KINDS_KEY = "embedkit.field_kinds";

  private final Path folder;
  private final CollectionConfig config;
  private final Directory directory;
  private final IndexWriter writer;
  private final ReferenceManager<IndexSearcher> searchers;
  private final GroupCommit commits;
  private final CollectionEmbedder embedder;
  private final FieldKinds kinds;
  private final Analyzer analyzer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final CollectionSearch search;
  private volatile boolean closed;

  private LuceneCollection(Path folder, CollectionConfig config, Directory directory, IndexWriter writer,
      ReferenceManager<IndexSearcher> searchers, EmbeddingModel model, ImageLoader images, FieldKinds kinds,
      Analyzer analyzer) {
    this.folder = folder;
    this.config = config;
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
    this.embedder = model == null ? null : new CollectionEmbedder(model, config.chunking(), images);
    this.kinds = kinds;
    this.analyzer = analyzer;
    this.commits = writer == null ? null
        : new GroupCommit(writer, () -> writer.setLiveCommitData(Map.of(KINDS_KEY, kinds.toJson()).entrySet()));
    this.search = new CollectionSearch(this);
  }

  /**
   * Creates a collection in an empty or missing folder. {@code model} must be the model named in the config (its
   * fingerprint is checked), or null for external vectors.
   */
  public static LuceneCollection create(Path folder, CollectionConfig config, EmbeddingModel model) {
    return create(folder, config, model, null);
  }

  /**
   * {@link #create(Path, CollectionConfig, EmbeddingModel)}, with documents' and queries' images read by
   * {@code images} (its URL policy and size limits: a server's) instead of the model's own loader (null).
   */
  public static LuceneCollection create(Path folder, CollectionConfig config, EmbeddingModel model, ImageLoader images) {
    try {
      if (Files.exists(CollectionFile.of(folder))) {
        throw EmbedkitException.conflict("collection '" + config.name() + "' already exists at " + folder);
      }
      if (Files.isDirectory(folder)) {
        try (var entries = Files.list(folder)) {
          if (entries.anyMatch(p -> !p.getFileName().toString().equals("index"))) {
            throw EmbedkitException.conflict(folder + " is not empty; a new collection needs an empty folder");
          }
        }
      }
      Files.createDirectories(folder.resolve("index"));
      checkModel(config, model);
      LuceneCollection collection = open(folder, config, model, images, false, true);
      CollectionFile.write(folder, config);
      return collection;
    } catch (IOException e) {
      throw ioError("cannot create collection at " + folder, e);
    }
  }

  /**
   * Opens an existing collection. {@code model} must match the recorded fingerprint (null for external vectors; for a
   * read-only open it may be null too, then text and image queries are refused).
   *
   * @param readOnly open without taking the write lock (reads see new commits of the writing process)
   */
  public static LuceneCollection open(Path folder, EmbeddingModel model, boolean readOnly) {
    return open(folder, model, readOnly, null);
  }

  /** {@link #open(Path, EmbeddingModel, boolean)}, with images read by {@code images} (null: the model's loader). */
  public static LuceneCollection open(Path folder, EmbeddingModel model, boolean readOnly, ImageLoader images) {
    if (!Files.isRegularFile(CollectionFile.of(folder))) {
      throw EmbedkitException.notFound("no collection at " + folder + " (no " + CollectionFile.NAME + ")");
    }
    CollectionConfig config = CollectionFile.read(folder);
    if (model != null || !readOnly) {
      checkModel(config, model);
    }
    return open(folder, config, model, images, readOnly, false);
  }

  /** Reads the recorded settings without opening the index. */
  public static CollectionConfig readConfig(Path folder) {
    if (!Files.isRegularFile(CollectionFile.of(folder))) {
      throw EmbedkitException.notFound("no collection at " + folder + " (no " + CollectionFile.NAME + ")");
    }
    return CollectionFile.read(folder);
  }

  private static void checkModel(CollectionConfig config, EmbeddingModel model) {
    if (config.model() == null) {
      if (model != null) {
        throw EmbedkitException.invalidInput("collection '" + config.name() + "' holds external vectors of "
            + config.dimensions() + " dimensions; it takes no model (give vectors, not " + model.info().name() + ")");
      }
      return;
    }
    if (model == null) {
      throw EmbedkitException.invalidInput("collection '" + config.name() + "' needs its model "
          + config.model().name() + " to write or to embed queries");
    }
    String fingerprint = ModelFingerprint.of(model.info());
    if (!fingerprint.equals(config.model().fingerprint())) {
      throw EmbedkitException.invalidInput("collection '" + config.name() + "' was built with model "
          + config.model().name() + " (fingerprint " + config.model().fingerprint() + "); the model given, "
          + model.info().name() + ", has fingerprint " + fingerprint
          + ": its vectors are not comparable. Use the collection's model, or index into a new collection");
    }
  }

  private static LuceneCollection open(Path folder, CollectionConfig config, EmbeddingModel model, ImageLoader images,
      boolean readOnly, boolean creating) {
    Directory directory = null;
    IndexWriter writer = null;
    try {
      directory = FSDirectory.open(folder.resolve("index"));
      Analyzer analyzer = LuceneSchema.analyzer(config.analyzer());
      ReferenceManager<IndexSearcher> searchers;
      FieldKinds kinds;
      if (readOnly) {
        if (!DirectoryReader.indexExists(directory)) {
          throw EmbedkitException.notFound("collection '" + config.name() + "' at " + folder + " has no index yet");
        }
        searchers = new SearcherManager(directory, new SearcherFactory());
        kinds = kindsOf(searchers);
      } else {
        IndexWriterConfig writerConfig = new IndexWriterConfig(analyzer)
            .setCodec(LuceneSchema.codec(config))
            .setOpenMode(creating ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
            .setRAMBufferSizeMB(128)
            .setMergeScheduler(new QuietMergeScheduler(config.name()))
            .setCommitOnClose(true);
        writer = new IndexWriter(directory, writerConfig);
        if (creating) {
          writer.commit();
        }
        searchers = new SearcherManager(writer, new SearcherFactory());
        String json = writer.getLiveCommitData() == null ? null : liveData(writer).get(KINDS_KEY);
        kinds = json == null ? new FieldKinds() : FieldKinds.fromJson(json);
      }
      return new LuceneCollection(folder, config, directory, writer, searchers, model, images, kinds, analyzer);
    } catch (LockObtainFailedException e) {
      closeQuietly(directory);
      throw EmbedkitException.conflict("collection '" + config.name() + "' is open for writing in another process"
          + " (" + folder.resolve("index/write.lock") + " is held); open it read-only, or stop that process");
    } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
      closeQuietly(writer);
      closeQuietly(directory);
      throw EmbedkitException.model("collection '" + config.name() + "' is damaged: "
          + e.getMessage().lines().findFirst().orElse("") + " (restore it from an export, or re-index)", e);
    } catch (NoSuchFileException e) {
      closeQuietly(writer);
      closeQuietly(directory);
      throw EmbedkitException.model("collection '" + config.name() + "' is damaged: a file is missing: "
          + e.getMessage() + " (restore it from an export, or re-index)", e);
    } catch (IOException e) {
      closeQuietly(writer);
      closeQuietly(directory);
      throw ioError("cannot open collection '" + config.name() + "'", e);
    }
  }

  private static Map<String, String> liveData(IndexWriter writer) {
    Map<String, String> data = new HashMap<>();
    for (Map.Entry<String, String> entry : writer.getLiveCommitData()) {
      data.put(entry.getKey(), entry.getValue());
    }
    return data;
  }

  private static FieldKinds kindsOf(ReferenceManager<IndexSearcher> searchers) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
      String json = reader.getIndexCommit().getUserData().get(KINDS_KEY);
      return json == null ? new FieldKinds() : FieldKinds.fromJson(json);
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public CollectionConfig config() {
    return config;
  }

  Path folder() {
    return folder;
  }

  CollectionEmbedder embedder() {
    return embedder;
  }

  Analyzer analyzer() {
    return analyzer;
  }

  FieldKinds kinds() {
    return kinds;
  }

  /** Whether this instance may write. */
  public boolean writable() {
    return writer != null;
  }

  // ---------------------------------------------------------------------------------------------------------- writes

  @Override
  public long add(List<Document> documents) {
    return write(documents, true);
  }

  @Override
  public long upsert(List<Document> documents) {
    return write(documents, false);
  }

  private long write(List<Document> documents, boolean refuseExisting) {
    Applied applied = apply(documents, refuseExisting);
    durable(applied.sequence());
    return applied.chunks();
  }

  /** A write applied to the index writer (visible to nothing yet, durable after a commit covering its sequence). */
  private record Applied(long sequence, long chunks) {}

  private Applied apply(List<Document> documents, boolean refuseExisting) {
    requireWritable();
    DocumentChecks.checkBatch(config, embedder, documents);
    List<List<org.apache.lucene.document.Document>> blocks = prepare(documents);
    long chunks = 0;
    long sequence = -1;
    writeLock.lock();
    try {
      if (refuseExisting) {
        List<String> taken = existing(documents.stream().map(Document::id).toList());
        if (!taken.isEmpty()) {
          throw EmbedkitException.conflict("collection '" + config.name() + "' already holds document"
              + (taken.size() == 1 ? " " : "s ") + taken.stream().limit(5).map(id -> "'" + id + "'")
              .collect(Collectors.joining(", ")) + (taken.size() > 5 ? " and " + (taken.size() - 5) + " more" : "")
              + "; nothing was written (use upsert to replace documents)");
        }
      }
      for (int i = 0; i < documents.size(); i++) {
        Document document = documents.get(i);
        kinds.observe(document.metadata());
        sequence = writer.updateDocuments(new Term(ID, document.id()), blocks.get(i));
        chunks += blocks.get(i).size();
      }
    } catch (IOException e) {
      throw ioError("cannot write to collection '" + config.name() + "'", e);
    } catch (IllegalStateException e) {
      throw writerFailure("cannot write to collection '" + config.name() + "'", e);
    } finally {
      writeLock.unlock();
    }
    return new Applied(sequence, chunks);
  }

  /**
   * Embeds and writes batches while the previous batches commit on another thread (commit I/O overlaps the next
   * batch's inference); the listener hears of each durable point, and the call returns once everything is durable.
   * A batch holds at most {@value #INGEST_BATCH} documents to embed, or {@value #INGEST_VECTOR_BATCH} that bring
   * their vectors. A repeated id flushes the batch first, so the later document wins, as separate upserts would.
   */
  @Override
  public long ingest(Iterator<Document> documents, IngestListener listener) {
    requireWritable();
    IngestListener progress = listener == null ? IngestListener.NONE : listener;
    java.util.concurrent.ExecutorService committer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "embedkit-commit-" + config.name());
      thread.setDaemon(true);
      return thread;
    });
    try {
      long written = 0;
      long chunks = 0;
      long sequence = -1;
      java.util.concurrent.Future<?> pending = null;
      List<Document> batch = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      int toEmbed = 0;
      while (documents.hasNext() || !batch.isEmpty()) {
        Document document = documents.hasNext() ? documents.next() : null;
        boolean repeated = document != null && ids.contains(document.id());
        boolean full = toEmbed >= INGEST_BATCH || batch.size() >= INGEST_VECTOR_BATCH;
        if (!batch.isEmpty() && (document == null || repeated || full)) {
          Applied applied = apply(batch, false);
          written += batch.size();
          chunks += applied.chunks();
          sequence = applied.sequence();
          if (pending == null || pending.isDone()) {
            check(pending);
            long seq = sequence;
            long doneDocs = written;
            long doneChunks = chunks;
            pending = committer.submit(() -> {
              durable(seq);
              progress.written(doneDocs, doneChunks);
            });
          }
          batch.clear();
          ids.clear();
          toEmbed = 0;
        }
        if (document != null) {
          batch.add(document);
          ids.add(document.id());
          if (document.vector() == null) {
            toEmbed++;
          }
        }
      }
      check(pending);
      if (sequence >= 0) {
        durable(sequence);
        progress.written(written, chunks);
      }
      return written;
    } finally {
      committer.shutdownNow();
    }
  }

  private static void check(java.util.concurrent.Future<?> pending) {
    if (pending == null) {
      return;
    }
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EmbedkitException.internal("interrupted while committing", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw EmbedkitException.internal("commit failed: " + oneLine(e.getCause()), e.getCause());
    }
  }

  @Override
  public long delete(List<String> ids) {
    requireWritable();
    if (ids.isEmpty()) {
      return 0;
    }
    for (String id : ids) {
      DocumentChecks.checkId(id);
    }
    Term[] terms = ids.stream().distinct().map(id -> new Term(ID, id)).toArray(Term[]::new);
    return deleteDurably("delete from", () -> existing(ids).size(), () -> writer.deleteDocuments(terms));
  }

  @Override
  public long delete(Filter filter) {
    requireWritable();
    if (filter == null) {
      throw EmbedkitException.invalidInput("a filter is needed to delete by filter; to delete everything, clear the"
          + " collection");
    }
    org.apache.lucene.search.Query query = LuceneFilters.toQuery(filter, kinds);
    return deleteDurably("delete from", () -> withSearcher(true, s -> s.count(firstChunks(query))),
        () -> writer.deleteDocuments(query));
  }

  @Override
  public long clear() {
    requireWritable();
    return deleteDurably("clear", () -> withSearcher(true, s -> s.count(FIRST_CHUNKS)), writer::deleteAll);
  }

  private interface IoCount {
    long get() throws IOException;
  }

  /** Counts what a deletion will remove and applies it under the write lock, then waits for its commit. */
  private long deleteDurably(String verb, IoCount count, IoCount deletion) {
    long deleted;
    long sequence;
    writeLock.lock();
    try {
      deleted = count.get();
      sequence = deletion.get();
    } catch (IOException e) {
      throw ioError("cannot " + verb + " collection '" + config.name() + "'", e);
    } catch (IllegalStateException e) {
      throw writerFailure("cannot " + verb + " collection '" + config.name() + "'", e);
    } finally {
      writeLock.unlock();
    }
    durable(sequence);
    return deleted;
  }

  @Override
  public void compact() {
    requireWritable();
    writeLock.lock();
    try {
      writer.forceMerge(1);
      commits.await(writer.getMaxCompletedSequenceNumber());
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw ioError("cannot compact collection '" + config.name() + "'", e);
    } catch (IllegalStateException e) {
      throw writerFailure("cannot compact collection '" + config.name() + "'", e);
    } finally {
      writeLock.unlock();
    }
  }

  private void durable(long sequence) {
    try {
      commits.await(sequence);
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw ioError("cannot commit to collection '" + config.name() + "'", e);
    } catch (IllegalStateException e) {
      throw writerFailure("cannot commit to collection '" + config.name() + "'", e);
    }
  }

  /**
   * The writer closed itself after a failure (Lucene's tragic event: a full disk during a flush or merge, typically):
   * the cause as one line; acknowledged writes are in the last commit.
   */
  private EmbedkitException writerFailure(String what, RuntimeException e) {
    Throwable tragic = writer.getTragicException();
    if (tragic instanceof IOException io) {
      return ioError(what, io);
    }
    return EmbedkitException.internal(what + ": " + oneLine(tragic != null ? tragic : e)
        + "; reopen it (acknowledged writes are safe)", tragic != null ? tragic : e);
  }

  private void requireWritable() {
    requireOpen();
    if (writer == null) {
      throw EmbedkitException.unsupported("collection '" + config.name() + "' is open read-only here");
    }
    if (writer.getTragicException() != null) {
      throw writerFailure("collection '" + config.name() + "' stopped taking writes after a failure",
          new IllegalStateException("tragic event"));
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new EmbedkitException(ErrorKind.UNAVAILABLE, "collection '" + config.name() + "' is closed");
    }
  }




  /** Checks a caller's vector against this collection (see {@link DocumentChecks#checkVector}). */
  void checkVector(float[] vector, String what) {
    DocumentChecks.checkVector(config, vector, what);
  }

  /** Chunks and embeds outside the write lock; one list of Lucene documents per document. */
  private List<List<org.apache.lucene.document.Document>> prepare(List<Document> documents) {
    List<List<CollectionEmbedder.ChunkVector>> embedded = CollectionEmbedder.chunkAndEmbed(embedder, documents);
    List<List<org.apache.lucene.document.Document>> blocks = new ArrayList<>(documents.size());
    for (int d = 0; d < documents.size(); d++) {
      List<org.apache.lucene.document.Document> block = new ArrayList<>(embedded.get(d).size());
      for (CollectionEmbedder.ChunkVector chunk : embedded.get(d)) {
        block.add(luceneDocument(documents.get(d), chunk.chunk(), chunk.vector()));
      }
      blocks.add(block);
    }
    return blocks;
  }

  private org.apache.lucene.document.Document luceneDocument(Document document, Chunk chunk, float[] vector) {
    org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
    doc.add(new StringField(ID, document.id(), Store.YES));
    doc.add(new SortedDocValuesField(SORT_ID, new BytesRef(document.id())));
    doc.add(new StoredField(CHUNK, chunk.index()));
    doc.add(new StoredField(START, chunk.start()));
    doc.add(new StoredField(END, chunk.end()));
    if (chunk.index() == 0) {
      doc.add(new StringField(FIRST, "1", Store.NO));
      if (document.text() != null) {
        doc.add(new StoredField(TEXT, document.text()));
      }
      if (!document.metadata().isEmpty()) {
        try {
          doc.add(new StoredField(META, JSON.writeValueAsBytes(document.metadata())));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (document.image() != null && !document.image().startsWith("data:")) {
        doc.add(new StoredField(IMAGE, document.image()));
      }
    }
    if (!chunk.text().isEmpty()) {
      doc.add(new TextField(LuceneSchema.BODY, chunk.text(), Store.NO));
    }
    MetadataFields.index(document.metadata(), doc);
    doc.add(new KnnFloatVectorField(VECTOR, vector, LuceneSchema.function(config.similarity())));
    return doc;
  }

  // ----------------------------------------------------------------------------------------------------------- reads

  @Override
  public Optional<StoredDocument> get(String id, boolean withVectors) {
    List<StoredDocument> found = get(List.of(id), withVectors);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<StoredDocument> get(List<String> ids, boolean withVectors) {
    for (String id : ids) {
      DocumentChecks.checkId(id);
    }
    return withSearcher(false, searcher -> {
      List<StoredDocument> out = new ArrayList<>();
      for (String id : ids) {
        StoredDocument document = load(searcher, id, withVectors);
        if (document != null) {
          out.add(document);
        }
      }
      return out;
    });
  }

  /** One document with all its chunks, or null. */
  StoredDocument load(IndexSearcher searcher, String id, boolean withVectors) throws IOException {
    TermQuery byId = new TermQuery(new Term(ID, id));
    int chunkCount = searcher.count(byId); // a document's chunks; searching for "all" would size a heap by the index
    if (chunkCount == 0) {
      return null;
    }
    ScoreDoc[] hits = searcher.search(byId, chunkCount).scoreDocs;
    TreeMap<Integer, StoredDocument.StoredChunk> chunks = new TreeMap<>();
    String text = null;
    Map<String, Object> metadata = Map.of();
    String image = null;
    Map<Integer, int[]> spans = new LinkedHashMap<>();
    for (ScoreDoc hit : hits) {
      org.apache.lucene.document.Document stored = searcher.storedFields().document(hit.doc);
      int index = stored.getField(CHUNK).numericValue().intValue();
      spans.put(hit.doc, new int[] {index, stored.getField(START).numericValue().intValue(),
          stored.getField(END).numericValue().intValue()});
      if (index == 0) {
        text = stored.get(TEXT);
        metadata = metadata(stored);
        image = stored.get(IMAGE);
      }
    }
    String whole = text == null ? "" : text;
    int[] docs = spans.keySet().stream().mapToInt(Integer::intValue).toArray();
    float[][] vectors = withVectors ? StoredVectors.read(searcher, docs) : new float[docs.length][];
    for (int i = 0; i < docs.length; i++) {
      int[] span = spans.get(docs[i]);
      Chunk chunk = new Chunk(span[0], span[1], span[2], whole.substring(span[1], span[2]));
      chunks.put(span[0], new StoredDocument.StoredChunk(chunk, vectors[i]));
    }
    return new StoredDocument(id, text, metadata, image, List.copyOf(chunks.values()));
  }

  static Map<String, Object> metadata(org.apache.lucene.document.Document stored) throws IOException {
    IndexableField field = stored.getField(META);
    if (field == null) {
      return Map.of();
    }
    BytesRef bytes = field.binaryValue();
    Map<String, Object> raw = JSON.readValue(bytes.bytes, bytes.offset, bytes.length,
        new TypeReference<LinkedHashMap<String, Object>>() {});
    return Metadata.normalize(raw);
  }

  @Override
  public long count() {
    return withSearcher(false, s -> (long) s.count(FIRST_CHUNKS));
  }

  @Override
  public long count(Filter filter) {
    if (filter == null) {
      return count();
    }
    org.apache.lucene.search.Query query = firstChunks(LuceneFilters.toQuery(filter, kinds));
    return withSearcher(false, s -> (long) s.count(query));
  }

  @Override
  public Page scroll(String after, int limit, Filter filter, boolean withVectors) {
    if (limit < 1 || limit > SearchRequest.MAX_TOP_K) {
      throw EmbedkitException.invalidInput("limit is " + limit + "; accepted: 1 to " + SearchRequest.MAX_TOP_K);
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(FIRST_CHUNKS, Occur.FILTER);
    if (filter != null) {
      query.add(LuceneFilters.toQuery(filter, kinds), Occur.FILTER);
    }
    if (after != null) {
      query.add(new TermRangeQuery(ID, new BytesRef(after), null, false, false), Occur.FILTER);
    }
    org.apache.lucene.search.Query built = query.build();
    return withSearcher(false, searcher -> {
      TopFieldDocs top = searcher.search(built, limit + 1, new Sort(new SortField(SORT_ID, SortField.Type.STRING)));
      List<StoredDocument> page = new ArrayList<>();
      for (int i = 0; i < Math.min(limit, top.scoreDocs.length); i++) {
        String id = searcher.storedFields().document(top.scoreDocs[i].doc, Set.of(ID)).get(ID);
        page.add(load(searcher, id, withVectors));
      }
      String next = top.scoreDocs.length > limit ? page.get(page.size() - 1).id() : null;
      return new Page(page, next);
    });
  }

  @Override
  public List<SearchHit> search(SearchRequest request) {
    return withSearcher(false, searcher -> search.run(searcher, request));
  }

  @Override
  public CollectionInfo info() {
    return withSearcher(false, searcher -> {
      DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
      long size = 0;
      for (String file : directory.listAll()) {
        try {
          size += directory.fileLength(file);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
          // deleted by a merge meanwhile
        }
      }
      Map<String, Set<String>> fields = new TreeMap<>();
      for (String name : kinds.names()) {
        fields.put(name, kinds.kinds(name).stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT))
            .collect(Collectors.toCollection(java.util.TreeSet::new)));
      }
      return new CollectionInfo(config, folder, searcher.count(FIRST_CHUNKS), reader.numDocs(), size,
          reader.leaves().size(), fields);
    });
  }

  static org.apache.lucene.search.Query firstChunks(org.apache.lucene.search.Query query) {
    return new BooleanQuery.Builder().add(FIRST_CHUNKS, Occur.FILTER).add(query, Occur.FILTER).build();
  }

  /** Ids among these that the collection holds (under the write lock: as of the last write). */
  private List<String> existing(List<String> ids) throws IOException {
    return withSearcher(true, searcher -> {
      List<String> found = new ArrayList<>();
      for (String id : new java.util.LinkedHashSet<>(ids)) {
        if (searcher.count(new TermQuery(new Term(ID, id))) > 0) {
          found.add(id);
        }
      }
      return found;
    });
  }

  interface SearcherCall<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Runs a read on a current searcher; read-only instances first pick up the writer's newer commits. */
  <T> T withSearcher(boolean latest, SearcherCall<T> call) {
    requireOpen();
    try {
      if (latest) {
        searchers.maybeRefreshBlocking();
      } else if (writer == null) {
        searchers.maybeRefresh();
      }
      IndexSearcher searcher = searchers.acquire();
      try {
        return call.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IndexSearcher.TooManyClauses e) {
      // a filter's clauses in all its boolean queries together, counted when the searcher rewrites it
      throw LuceneFilters.tooManyConditions();
    } catch (IOException e) {
      throw ioError("cannot read collection '" + config.name() + "'", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(searchers);
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException | RuntimeException e) {
        closeQuietly(writer);
      }
    }
    closeQuietly(directory);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing after a failure: the original error is what the caller needs
    }
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  static EmbedkitException ioError(String what, IOException e) {
    String message = oneLine(e);
    if (e instanceof CorruptIndexException || e instanceof IndexFormatTooOldException
        || e instanceof IndexFormatTooNewException || e instanceof java.io.EOFException) {
      return EmbedkitException.model(what + ": the collection is damaged (" + message + "); restore it from an export,"
          + " or re-index", e);
    }
    if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
      return EmbedkitException.internal(what + ": the disk is full (" + message + "); acknowledged writes are safe;"
          + " free some space and retry", e);
    }
    return EmbedkitException.internal(what + ": " + e.getClass().getSimpleName() + ": " + message, e);
  }
}
