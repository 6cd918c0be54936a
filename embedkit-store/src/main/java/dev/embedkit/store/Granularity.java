package dev.embedkit.store;

import dev.embedkit.Named;

/** What a search returns for chunked documents. */
public enum Granularity {
  /** One hit per document: its best chunk, with that chunk's offsets for highlighting. */
  DOCUMENTS,
  /** One hit per chunk. */
  CHUNKS;

  public static Granularity fromString(String value) {
    return Named.parse(Granularity.class, "granularity", value);
  }
}
