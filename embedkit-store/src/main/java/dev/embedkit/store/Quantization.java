package dev.embedkit.store;

import dev.embedkit.Named;

/** How the HNSW graph's vectors are stored: as floats, or scalar-quantised by Lucene (raw floats kept for rescoring). */
public enum Quantization {
  /** float32 vectors (Lucene99HnswVectorsFormat). */
  NONE,
  /** 7-bit scalar quantisation (Lucene99HnswScalarQuantizedVectorsFormat, bits 7). */
  INT7,
  /** 4-bit scalar quantisation, compressed (bits 4). */
  INT4;

  public static Quantization fromString(String value) {
    return Named.parse(Quantization.class, "quantization", value);
  }
}
