package dev.embedkit.bench.store;

import java.util.Iterator;
import java.util.function.LongConsumer;

/** What the store benchmark drives: an index of vectors whose ids are their positions in the ingest stream. */
interface Engine extends AutoCloseable {

  /** Adds every vector (id = position), reporting the running count now and then. */
  void ingest(Iterator<float[]> vectors, LongConsumer progress);

  /** Merges to one segment. */
  void compact();

  /** The ids of the k best vectors found by the graph keeping {@code ef} candidates, best first. */
  int[] search(float[] query, int k, int ef);

  /** The ids of the k best vectors by scoring every vector. */
  int[] exact(float[] query, int k);

  /** Index files on disk, bytes. */
  long sizeOnDisk();

  /** Segments in the index now. */
  int segments();

  @Override
  void close();
}
