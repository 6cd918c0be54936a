package dev.embedkit.store;

import dev.embedkit.EmbedkitException;

/**
 * Lucene HNSW graph settings.
 *
 * @param m neighbours per node (Lucene's maxConn), 2 to 512
 * @param beamWidth candidates kept while building (Lucene's beamWidth), 2 to 3200
 */
public record HnswSettings(int m, int beamWidth) {
  public static final HnswSettings DEFAULTS = new HnswSettings(16, 100);

  public HnswSettings {
    if (m < 2 || m > 512) {
      throw EmbedkitException.invalidInput("hnsw m is " + m + "; accepted: 2 to 512");
    }
    if (beamWidth < 2 || beamWidth > 3200) {
      throw EmbedkitException.invalidInput("hnsw beam width is " + beamWidth + "; accepted: 2 to 3200");
    }
  }
}
