package dev.embedkit.model;

import dev.embedkit.EmbedkitException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import dev.embedkit.spi.ModelSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Turns what the user typed into a model folder: a built-in pack name (extracted to the cache on first use), or a
 * path to a folder in the Hugging Face / sentence-transformers layout.
 */
public final class ModelResolver {
  private final PackCache packs;

  public ModelResolver(PackCache packs) {
    this.packs = packs;
  }

  public static ModelResolver standard() {
    return new ModelResolver(PackCache.standard());
  }

  /** The model folder for a name or path; an unknown name fails with the available names. */
  public Path resolve(String nameOrPath) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      throw EmbedkitException.invalidInput("model name is empty; available models are: " + BuiltinPack.names());
    }
    Optional<BuiltinPack> pack = BuiltinPack.find(nameOrPath);
    if (pack.isPresent()) {
      return packs.materialize(pack.get());
    }
    Path path;
    try {
      path = Path.of(nameOrPath);
    } catch (InvalidPathException e) {
      throw unknown(nameOrPath);
    }
    if (Files.isDirectory(path)) {
      return path;
    }
    if (Files.exists(path)) {
      throw EmbedkitException.invalidInput("model path " + nameOrPath
          + " is a file; give the model folder (holding onnx/model.onnx or model.onnx and tokenizer.json)");
    }
    for (ModelSource source : sources()) {
      Optional<Path> folder = source.resolve(nameOrPath);
      if (folder.isPresent()) {
        return folder.get();
      }
    }
    throw unknown(nameOrPath);
  }

  private static List<ModelSource> sources() {
    List<ModelSource> sources = new ArrayList<>();
    ServiceLoader.load(ModelSource.class).forEach(sources::add);
    sources.sort(Comparator.comparingInt(ModelSource::priority));
    return sources;
  }

  /** Every name that resolves without a network: built-in packs, then what sources know. */
  public static List<String> availableNames() {
    List<String> names = new ArrayList<>();
    for (BuiltinPack pack : BuiltinPack.values()) {
      names.add(pack.packName());
    }
    for (ModelSource source : sources()) {
      source.knownNames().stream().filter(n -> !names.contains(n)).forEach(names::add);
    }
    return names;
  }

  private static EmbedkitException unknown(String name) {
    boolean looksLikePath = name.startsWith(".") || name.startsWith("/") || name.contains("\\") || name.split("/").length > 2;
    return EmbedkitException.notFound((looksLikePath ? "model folder " + name + " does not exist" : "unknown model '" + name + "'")
        + "; available models are: " + String.join(", ", availableNames()) + " (or a path to a model folder)");
  }
}
