package dev.embedkit.cli;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.Quantize;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --quantize} options shared by the commands that load a model. */
final class ModelOption {
  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "Built-in model, hub alias or repo id, or path to a model folder (default: ${DEFAULT-VALUE}; clip for images). See 'embedkit models list'.",
      defaultValue = "all-minilm-l6-v2")
  String model;

  @Option(names = "--quantize", paramLabel = "none|int8", defaultValue = "none",
      description = "Run an fp32 text model's dense layers in int8 with calibrated static scales: about twice as fast, "
          + "cosine to fp32 about 0.995, batch-independent; a few seconds to build at load (default: ${DEFAULT-VALUE}).")
  String quantize;

  /** The model used for images when --model is not given: CLIP, pulled from the hub on first use. */
  static final String DEFAULT_IMAGE_MODEL = "clip";

  EmbeddingModel load() {
    return Embedkit.load(model, options());
  }

  /** Loads --model, or CLIP when images are involved and no model was named. */
  EmbeddingModel load(picocli.CommandLine.Model.CommandSpec spec, boolean images) {
    boolean named = spec.commandLine().getParseResult().hasMatchedOption("--model");
    return Embedkit.load(images && !named ? DEFAULT_IMAGE_MODEL : model, options());
  }

  private LoadOptions options() {
    return LoadOptions.DEFAULTS.withQuantize(Quantize.fromString(quantize));
  }
}
