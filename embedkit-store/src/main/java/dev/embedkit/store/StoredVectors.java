package dev.embedkit.store;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;

/** Reads the stored float vectors of chunks (the raw floats, also for quantised graphs). */
final class StoredVectors {
  private StoredVectors() {}

  /** The vectors of these (global) doc ids, in the order given; null for a doc without one. */
  static float[][] read(IndexSearcher searcher, int[] docs) throws IOException {
    float[][] out = new float[docs.length][];
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    FloatVectorValues values = null;
    int leafIndex = -1;
    for (int i : order) {
      int leaf = ReaderUtil.subIndex(docs[i], leaves);
      LeafReaderContext context = leaves.get(leaf);
      if (leaf != leafIndex) {
        leafIndex = leaf;
        values = context.reader().getFloatVectorValues(LuceneSchema.VECTOR);
      }
      int local = docs[i] - context.docBase;
      if (values == null) {
        continue;
      }
      int at = values.docID() >= local ? values.docID() : values.advance(local);
      if (at == local) {
        out[i] = values.vectorValue().clone();
      } else if (at < local || at == FloatVectorValues.NO_MORE_DOCS) {
        // the iterator went past: reopen for this leaf (only when docs repeat)
        values = context.reader().getFloatVectorValues(LuceneSchema.VECTOR);
        if (values.advance(local) == local) {
          out[i] = values.vectorValue().clone();
        }
      }
    }
    return out;
  }
}
