package dev.embedkit.image.model;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.spi.ModelLoader;
import java.nio.file.Path;

/**
 * The {@link ModelLoader} that {@link dev.embedkit.Embedkit#load} finds on the class path: it takes CLIP exports and
 * imgbeddings exports (see {@link ImageModels}) and leaves every other folder to the text loader.
 */
public final class ImageModelLoader implements ModelLoader {
  @Override
  public boolean accepts(Path folder) {
    return ImageModels.kindOf(folder) != null;
  }

  @Override
  public EmbeddingModel load(String name, Path folder, LoadOptions options) {
    return ImageModels.load(name, folder, options, ImageLoader.defaults());
  }
}
