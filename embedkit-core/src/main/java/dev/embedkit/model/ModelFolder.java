package dev.embedkit.model;

import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a text model folder in the Hugging Face / sentence-transformers layout: the ONNX graph at onnx/model.onnx or
 * model.onnx, tokenizer.json, and the config files {@link ModelFacts} reads. Explicit {@link LoadOptions} win over
 * the files; each fallback to a default is logged once per process.
 */
public final class ModelFolder {
  private static final Logger LOG = LoggerFactory.getLogger(ModelFolder.class);
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
  /** Where an ONNX graph may sit in a model folder, in order of preference. */
  public static final List<String> ONNX_LOCATIONS = List.of("onnx/model.onnx", "model.onnx");

  private ModelFolder() {}

  /** True when {@code folder} holds an ONNX graph in one of the known places. */
  public static boolean hasOnnx(Path folder) {
    return ONNX_LOCATIONS.stream().anyMatch(p -> Files.isRegularFile(folder.resolve(p)));
  }

  /** Reads a model folder; {@code options} win over the files. */
  public static ModelConfig read(String name, Path folder, LoadOptions options) {
    if (!Files.isDirectory(folder)) {
      throw EmbedkitException.notFound("model folder " + folder + " does not exist");
    }
    Path onnx = ONNX_LOCATIONS.stream().map(folder::resolve).filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> EmbedkitException.model("no ONNX file in " + folder + ": expected one of "
            + ONNX_LOCATIONS + "; the folder holds " + listing(folder), null));
    Path tokenizer = folder.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      throw EmbedkitException.model("no tokenizer.json in " + folder + "; the folder holds " + listing(folder), null);
    }
    ModelFacts facts = ModelFacts.read(ConfigFiles.folder(folder), folder.toString());
    for (String fallback : facts.fallbacks()) {
      if (LOGGED.add(folder + ": " + fallback)) {
        LOG.warn("{}: {}", name, fallback);
      }
    }
    return new ModelConfig(name, folder, onnx, tokenizer, facts.withOverrides(options));
  }

  static String listing(Path folder) {
    try (Stream<Path> files = Files.walk(folder, 2)) {
      List<String> names = files.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString())
          .sorted().limit(20).collect(Collectors.toList());
      return names.isEmpty() ? "nothing" : names.toString();
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
