package dev.embedkit.model;

import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.List;

/**
 * A text model ready to load: where its files are, and what its config files say ({@link ModelFacts}, with explicit
 * {@link LoadOptions} already applied). Read by {@link ModelFolder}.
 *
 * @param name the name the user gave (pack name, alias or path)
 * @param folder the model folder
 * @param onnxFile the ONNX graph
 * @param tokenizerFile tokenizer.json
 * @param facts pooling, normalisation, max length, prompts, similarity
 */
public record ModelConfig(String name, Path folder, Path onnxFile, Path tokenizerFile, ModelFacts facts) {

  public Pooling pooling() {
    return facts.pooling();
  }

  /** False when pooling must ignore the prompt's tokens (1_Pooling/config.json include_prompt). */
  public boolean includePrompt() {
    return facts.includePrompt();
  }

  public boolean normalize() {
    return facts.normalize();
  }

  /** Tokens kept per input, special tokens included. */
  public int maxSeqLength() {
    return facts.maxSeqLength();
  }

  public boolean doLowerCase() {
    return facts.doLowerCase();
  }

  /** The sentence vector's length, or 0 when only the ONNX graph can tell. */
  public int dimensions() {
    return facts.dimensions();
  }

  public Prompts prompts() {
    return facts.prompts();
  }

  public Metric similarity() {
    return facts.similarity();
  }

  /** What was assumed because a file did not say, one line each. */
  public List<String> fallbacks() {
    return facts.fallbacks();
  }
}
