package dev.embedkit;

import dev.embedkit.model.Pooling;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What a loaded model is: everything {@code embedkit models info} shows.
 *
 * @param name the name it was loaded by
 * @param folder its model folder (for a built-in pack, the cache folder)
 * @param weights "fp32", or "int8" for a quantised graph
 * @param dimensions sentence vector length
 * @param maxSeqLength tokens read per input
 * @param pooling pooling mode, or null for models that pool inside their graph (CLIP, imgbeddings)
 * @param normalize whether vectors are L2-normalised
 * @param prompts named prompts
 * @param defaultPromptName prompt applied when none is named, or null
 * @param similarity the model's similarity function
 * @param modalities what it embeds
 * @param sizeBytes ONNX file size
 * @param signature ONNX inputs and outputs
 */
public record ModelInfo(
    String name,
    Path folder,
    String weights,
    int dimensions,
    int maxSeqLength,
    Pooling pooling,
    boolean normalize,
    Map<String, String> prompts,
    String defaultPromptName,
    Metric similarity,
    Set<Modality> modalities,
    long sizeBytes,
    String signature) {

  /**
   * The prompt for search queries: "query" when the model has one, else null (no prompt), as MTEB applies prompts in
   * retrieval and embedkit collections embed queries.
   */
  public String queryPromptName() {
    return prompts != null && prompts.containsKey("query") ? "query" : null;
  }

  /** The prompt for documents to search: "document", else "passage", else null (no prompt). */
  public String documentPromptName() {
    if (prompts == null) {
      return null;
    }
    return prompts.containsKey("document") ? "document" : prompts.containsKey("passage") ? "passage" : null;
  }
}
