package dev.embedkit.spark;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.SharedModels;
import dev.embedkit.quant.Precision;
import java.io.Serializable;

/**
 * What a task needs to embed: the model's name or path and the per-call options, as sent from the driver to the
 * executors. The model itself never travels: each executor JVM loads it once ({@link SharedModels}) and keeps it until
 * the JVM exits.
 *
 * @param model built-in pack name, folder path (local, shared storage, or a name shipped with --files/--archives), or
 *     hub name
 * @param threads inference threads of the shared model, or null for {@link ExecutorThreads#resolve()}
 * @param promptName a named prompt of the model, or null
 * @param dimensions Matryoshka dimensions, or null for the model's
 * @param precision output precision
 * @param batchSize rows per model call
 */
public record EmbedSettings(
    String model, Integer threads, String promptName, Integer dimensions, Precision precision, int batchSize)
    implements Serializable {

  /**
   * Rows per model call: 256, the chunk {@code embedkit embed} hands the model. A call is split by length into batches for
   * the model's workers, so one task alone keeps every worker busy (with 64, a one-partition input ran on one worker:
   * 0.86x the CLI; BENCHMARKS.md).
   */
  public static final int DEFAULT_BATCH_SIZE = 256;
  public static final int MAXIMUM_BATCH_SIZE = 100_000;

  public EmbedSettings {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "model is empty; give a built-in pack name, a model folder path or a hub name");
    }
    if (threads != null && threads <= 0) {
      throw new IllegalArgumentException("threads must be positive; threads=" + threads);
    }
    if (dimensions != null && dimensions <= 0) {
      throw new IllegalArgumentException("dimensions must be positive; dimensions=" + dimensions);
    }
    if (batchSize < 1 || batchSize > MAXIMUM_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batch size must be between 1 and " + MAXIMUM_BATCH_SIZE + "; batchSize=" + batchSize);
    }
    precision = precision == null ? Precision.FLOAT32 : precision;
  }

  /** The per-call options, exactly as {@code embedkit embed} builds them for the same flags. */
  public EmbedOptions options() {
    EmbedOptions options = EmbedOptions.DEFAULTS.withPrecision(precision).withDimensions(dimensions);
    return promptName == null ? options : options.withPromptName(promptName);
  }

  /** This JVM's shared instance of the model (loaded on first use, closed at JVM exit; never close it). */
  public EmbeddingModel sharedModel() {
    int resolved = threads != null ? threads : ExecutorThreads.resolve();
    return SharedModels.get(ModelLocator.locate(model), new LoadOptions(null, null, null, resolved, null));
  }
}
