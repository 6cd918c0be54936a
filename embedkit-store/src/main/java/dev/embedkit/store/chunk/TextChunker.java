package dev.embedkit.store.chunk;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.ChunkSettings;
import java.util.List;

/** TEMPORARY stub until the chunkio branch lands: one chunk per text. */
public final class TextChunker {
  public TextChunker(EmbeddingModel model, ChunkSettings settings, EmbedOptions options) {
  }

  public List<Chunk> split(String text) {
    return List.of(new Chunk(0, 0, text.length(), text));
  }
}
