package dev.embedkit.cli;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import picocli.CommandLine.Option;

/** The {@code --model} option shared by the commands that load a model. */
final class ModelOption {
  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "Built-in model, hub alias or repo id, or path to a model folder (default: ${DEFAULT-VALUE}; clip for images). See 'embedkit models list'.",
      defaultValue = "all-minilm-l6-v2")
  String model;

  /** The model used for images when --model is not given: CLIP, pulled from the hub on first use. */
  static final String DEFAULT_IMAGE_MODEL = "clip";

  EmbeddingModel load() {
    return Embedkit.load(model);
  }

  /** Loads --model, or CLIP when images are involved and no model was named. */
  EmbeddingModel load(picocli.CommandLine.Model.CommandSpec spec, boolean images) {
    boolean named = spec.commandLine().getParseResult().hasMatchedOption("--model");
    return Embedkit.load(images && !named ? DEFAULT_IMAGE_MODEL : model);
  }
}
