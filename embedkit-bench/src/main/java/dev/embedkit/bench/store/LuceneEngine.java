package dev.embedkit.bench.store;

import dev.embedkit.store.Quantization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene alone, without embedkit's collection layer: one float vector field (inner product on the unit vectors) and
 * the id as a doc value, 256 MB of indexing buffer, one thread adding documents. The reference row that shows what
 * the collection adds on top of Lucene.
 */
final class LuceneEngine implements Engine {
  private static final String FIELD = "v";
  private static final String ID = "id";
  private static final double RAM_BUFFER_MB = 256;

  private final Path dir;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private DirectoryReader reader;
  private IndexSearcher searcher;

  LuceneEngine(Path dir, int m, int beamWidth, Quantization quantization) {
    this.dir = dir;
    KnnVectorsFormat format = switch (quantization) {
      case NONE -> new Lucene99HnswVectorsFormat(m, beamWidth);
      case INT7 -> new Lucene99HnswScalarQuantizedVectorsFormat(m, beamWidth, 1, 7, false, null, null);
      case INT4 -> new Lucene99HnswScalarQuantizedVectorsFormat(m, beamWidth, 1, 4, true, 0f, null);
    };
    IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(RAM_BUFFER_MB)
        .setCodec(new Lucene912Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return format;
          }
        });
    try {
      Files.createDirectories(dir);
      directory = FSDirectory.open(dir);
      writer = new IndexWriter(directory, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void ingest(Iterator<float[]> vectors, LongConsumer progress) {
    try {
      long id = 0;
      while (vectors.hasNext()) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(FIELD, vectors.next(), VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new NumericDocValuesField(ID, id));
        writer.addDocument(doc);
        if (++id % 10_000 == 0) {
          progress.accept(id);
        }
      }
      writer.commit();
      reopen();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void compact() {
    try {
      writer.forceMerge(1);
      writer.commit();
      reopen();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void reopen() throws IOException {
    if (reader != null) {
      reader.close();
    }
    reader = DirectoryReader.open(directory);
    searcher = new IndexSearcher(reader);
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    try {
      TopDocs top = searcher.search(new KnnFloatVectorQuery(FIELD, query, Math.max(k, ef)), k);
      return ids(top.scoreDocs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int[] exact(float[] query, int k) {
    try {
      float[] scores = new float[k];
      int[] ids = new int[k];
      java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
      java.util.Arrays.fill(ids, -1);
      for (LeafReaderContext leaf : reader.leaves()) {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(FIELD);
        NumericDocValues idValues = leaf.reader().getNumericDocValues(ID);
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
          float score = VectorSimilarityFunction.DOT_PRODUCT.compare(query, values.vectorValue());
          if (score > scores[k - 1]) {
            idValues.advanceExact(doc);
            int i = k - 1;
            while (i > 0 && scores[i - 1] < score) {
              scores[i] = scores[i - 1];
              ids[i] = ids[i - 1];
              i--;
            }
            scores[i] = score;
            ids[i] = (int) idValues.longValue();
          }
        }
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int[] ids(ScoreDoc[] hits) throws IOException {
    int[] ids = new int[hits.length];
    List<LeafReaderContext> leaves = reader.leaves();
    for (int i = 0; i < hits.length; i++) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hits[i].doc, leaves));
      NumericDocValues values = leaf.reader().getNumericDocValues(ID);
      values.advanceExact(hits[i].doc - leaf.docBase);
      ids[i] = (int) values.longValue();
    }
    return ids;
  }

  @Override
  public long sizeOnDisk() {
    return StoreFiles.size(dir);
  }

  @Override
  public int segments() {
    return reader == null ? 0 : reader.leaves().size();
  }

  @Override
  public void close() {
    try {
      if (reader != null) {
        reader.close();
      }
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
