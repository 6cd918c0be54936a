package dev.embedkit;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.ModelConfig;
import dev.embedkit.model.ModelFolder;
import dev.embedkit.model.ModelResolver;
import dev.embedkit.model.PackCache;
import dev.embedkit.pipeline.TextEmbeddingModel;
import dev.embedkit.spi.ModelLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Entry point of the library: load a model by name or path.
 *
 * <pre>{@code
 * try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2")) {
 *   float[] vector = model.embed("The weather is lovely today.");
 * }
 * }</pre>
 *
 * Names are the built-in packs ({@link BuiltinPack#names()}), paths to model folders in the Hugging Face /
 * sentence-transformers layout, or whatever a {@link dev.embedkit.spi.ModelSource} on the class path resolves (the
 * hub client). Folders that a {@link ModelLoader} recognises (CLIP) load through it; the rest load as text models.
 */
public final class Embedkit {
  /** The model used when none is named. */
  public static final String DEFAULT_MODEL = BuiltinPack.DEFAULT.packName();

  private Embedkit() {}

  public static EmbeddingModel load(String nameOrPath) {
    return load(nameOrPath, LoadOptions.DEFAULTS);
  }

  public static EmbeddingModel load(String nameOrPath, LoadOptions options) {
    return load(nameOrPath, options, PackCache.standard());
  }

  /**
   * {@link #load(String, LoadOptions)} with built-in packs extracted into {@code packs} (tests use a temp folder). A
   * pack whose cached files fail to load is checked and extracted again ({@link PackCache#load}).
   */
  static EmbeddingModel load(String nameOrPath, LoadOptions options, PackCache packs) {
    Optional<BuiltinPack> pack = nameOrPath == null ? Optional.empty() : BuiltinPack.find(nameOrPath);
    if (pack.isPresent()) {
      return packs.load(pack.get(), folder -> loadFolder(nameOrPath, folder, options));
    }
    return loadFolder(nameOrPath, new ModelResolver(packs).resolve(nameOrPath), options);
  }

  /** Loads a model folder, naming it {@code name}. */
  public static EmbeddingModel loadFolder(String name, Path folder, LoadOptions options) {
    for (ModelLoader loader : ServiceLoader.load(ModelLoader.class)) {
      if (loader.accepts(folder)) {
        return loader.load(name, folder, options);
      }
    }
    ModelConfig config = ModelFolder.read(name, folder, options);
    return new TextEmbeddingModel(config, options.threadsOrDefault(), options.quantizeOrDefault());
  }
}
