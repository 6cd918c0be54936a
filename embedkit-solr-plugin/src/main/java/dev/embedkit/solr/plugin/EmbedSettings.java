package dev.embedkit.solr.plugin;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.SharedModels;
import java.util.Locale;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.apache.solr.common.util.NamedList;

/**
 * The model settings of the update processor and the query parser, read alike from their solrconfig.xml arguments so
 * that both load the same model (one per node JVM, through {@link SharedModels}).
 *
 * <pre>{@code
 * <str name="model">all-minilm-l6-v2</str>   <!-- a built-in pack's name or a model folder's path -->
 * <int name="threads">2</int>                <!-- ONNX Runtime threads per call; default: the node's cores -->
 * <int name="dimensions">256</int>           <!-- optional Matryoshka truncation -->
 * <str name="promptName">query</str>         <!-- optional; default: the model's document / query prompt -->
 * }</pre>
 *
 * @param model built-in pack name or model folder path
 * @param threads ONNX Runtime intra-op threads, or null for the node's cores
 * @param dimensions vector length to keep, or null for the model's
 * @param promptName named prompt, or null for the model's default for this side (documents or queries)
 */
public record EmbedSettings(String model, Integer threads, Integer dimensions, String promptName) {

  public EmbedSettings {
    if (model == null || model.isBlank()) {
      throw new SolrException(ErrorCode.SERVER_ERROR,
          "embedkit: the 'model' argument is missing; give a built-in model name (all-minilm-l6-v2) or a model folder path");
    }
    if (threads != null && threads <= 0) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: threads must be positive; threads=" + threads);
    }
    if (dimensions != null && dimensions <= 0) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: dimensions must be positive; dimensions=" + dimensions);
    }
  }

  /** Reads (and removes) the settings' arguments from a plugin's init arguments. */
  static EmbedSettings from(NamedList<?> args) {
    return new EmbedSettings(
        string(args, "model"), integer(args, "threads"), integer(args, "dimensions"), string(args, "promptName"));
  }

  /** The node's shared model for these settings (loaded on first use; a load failure is a one-line SolrException). */
  EmbeddingModel load() {
    try {
      return SharedModels.get(model, new LoadOptions(null, null, null, threads));
    } catch (RuntimeException e) {
      throw new SolrException(ErrorCode.SERVER_ERROR,
          "embedkit: cannot load model '" + model + "': " + SolrErrors.oneLine(e), e);
    }
  }

  /** The vector length these settings give with this model, after checking {@code dimensions} against it. */
  int vectorLength(EmbeddingModel loaded) {
    int full = loaded.info().dimensions();
    if (dimensions != null && dimensions > full) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: dimensions=" + dimensions + " is more than model '"
          + model + "' gives (" + full + "); give at most " + full);
    }
    return dimensions != null ? dimensions : full;
  }

  /** The embedding options for one side, with the model's default prompt for it unless one is named. */
  EmbedOptions options(String defaultPromptName) {
    String prompt = promptName != null ? promptName : defaultPromptName;
    return EmbedOptions.DEFAULTS.withPromptName(prompt).withDimensions(dimensions);
  }

  /** A text argument; an empty one (as {@code ${prop:}} gives) is unset. */
  static String string(NamedList<?> args, String name) {
    Object value = args.remove(name);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  /** A whole-number argument, given as {@code <int>} or {@code <str>}; an empty one is unset. */
  static Integer integer(NamedList<?> args, String name) {
    Object value = args.remove(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new SolrException(ErrorCode.SERVER_ERROR,
          String.format(Locale.ROOT, "embedkit: %s must be a whole number; %s=%s", name, name, value));
    }
  }
}
