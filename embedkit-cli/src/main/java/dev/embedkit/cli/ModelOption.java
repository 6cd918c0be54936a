package dev.embedkit.cli;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import picocli.CommandLine.Option;

/** The {@code --model} option shared by the commands that load a model. */
final class ModelOption {
  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "Built-in model name or path to a model folder (default: ${DEFAULT-VALUE}). See 'embedkit models list'.",
      defaultValue = "all-minilm-l6-v2")
  String model;

  EmbeddingModel load() {
    return Embedkit.load(model);
  }
}
