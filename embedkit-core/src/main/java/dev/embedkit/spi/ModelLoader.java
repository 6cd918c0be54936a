package dev.embedkit.spi;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.model.LoadOptions;
import java.nio.file.Path;

/**
 * Loads model folders that are not plain sentence-transformers text encoders (CLIP and imgbeddings exports in
 * embedkit-image). Found with {@link java.util.ServiceLoader}; {@link dev.embedkit.Embedkit} offers each folder to
 * every loader before loading it as a text model.
 */
public interface ModelLoader {
  /** True when this loader recognises the folder's layout. */
  boolean accepts(Path folder);

  EmbeddingModel load(String name, Path folder, LoadOptions options);
}
