package dev.embedkit.store;

import dev.embedkit.vector.Metric;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * How a collection maps onto Lucene: one Lucene document per chunk, the chunks of a document written together as a
 * block under the same {@link #ID}. The first chunk ({@link #FIRST}) carries the stored text, metadata and image
 * reference; every chunk carries the metadata's indexed fields (so filters apply inside the kNN search), its vector,
 * its offsets and its text for BM25.
 */
final class LuceneSchema {
  /** The document id: indexed (upsert, delete, get), stored. */
  static final String ID = "_id";
  /** The document id as sorted doc values: scroll order and grouping chunks by document without stored fields. */
  static final String SORT_ID = "_sid";
  /** "1" on each document's first chunk: counting documents, reading stored fields. */
  static final String FIRST = "_first";
  static final String CHUNK = "_chunk";
  static final String START = "_start";
  static final String END = "_end";
  static final String TEXT = "_text";
  static final String META = "_meta";
  static final String IMAGE = "_image";
  /** The chunk's text, analysed for BM25; not stored. */
  static final String BODY = "_body";
  static final String VECTOR = "_vec";

  private LuceneSchema() {}

  /**
   * Lucene's function for a metric. Its scores only rank the graph's candidates: every hit is rescored exactly with
   * the collection's {@link Metric} on the stored float vector.
   */
  static VectorSimilarityFunction function(Metric metric) {
    return switch (metric) {
      case COSINE -> VectorSimilarityFunction.COSINE;
      case DOT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
      case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
      case MANHATTAN -> throw new IllegalArgumentException("manhattan has no Lucene function");
    };
  }

  static KnnVectorsFormat vectorsFormat(HnswSettings hnsw, Quantization quantization) {
    return switch (quantization) {
      case NONE -> new Lucene99HnswVectorsFormat(hnsw.m(), hnsw.beamWidth());
      case INT7 -> new Lucene99HnswScalarQuantizedVectorsFormat(hnsw.m(), hnsw.beamWidth(), 1, 7, false, null, null);
      case INT4 -> new Lucene99HnswScalarQuantizedVectorsFormat(hnsw.m(), hnsw.beamWidth(), 1, 4, true, null, null);
    };
  }

  /** The codec new segments are written with (readers find every format by the name Lucene records). */
  static Codec codec(CollectionConfig config) {
    KnnVectorsFormat format = vectorsFormat(config.hnsw(), config.quantization());
    return new Lucene912Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  static Analyzer analyzer(String name) {
    return switch (name) {
      case "standard" -> new StandardAnalyzer();
      default -> new EnglishAnalyzer();
    };
  }
}
