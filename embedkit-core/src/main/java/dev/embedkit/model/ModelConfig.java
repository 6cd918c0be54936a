package dev.embedkit.model;

import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.List;

/**
 * What a text model folder says about itself, read by {@link ModelFolder} from the Hugging Face /
 * sentence-transformers files, after explicit {@link LoadOptions} were applied.
 *
 * @param name the name the user gave (pack name, alias or path)
 * @param folder the model folder
 * @param onnxFile the ONNX graph
 * @param tokenizerFile tokenizer.json
 * @param pooling how token vectors become a sentence vector
 * @param includePrompt false when pooling must ignore the prompt's tokens (1_Pooling/config.json include_prompt)
 * @param normalize whether sentence vectors are L2-normalised (a Normalize module in modules.json)
 * @param maxSeqLength tokens kept per input, special tokens included
 * @param doLowerCase lower-case the text before tokenising (sentence_bert_config.json)
 * @param dimensions the sentence vector's length, or 0 when only the ONNX graph can tell
 * @param prompts named prompts
 * @param similarity the model's similarity function (similarity_fn_name), cosine by default
 * @param fallbacks what was assumed because a file did not say, one line each
 */
public record ModelConfig(
    String name,
    Path folder,
    Path onnxFile,
    Path tokenizerFile,
    Pooling pooling,
    boolean includePrompt,
    boolean normalize,
    int maxSeqLength,
    boolean doLowerCase,
    int dimensions,
    Prompts prompts,
    Metric similarity,
    List<String> fallbacks) {

  public ModelConfig {
    if (maxSeqLength <= 0) {
      throw new IllegalArgumentException("maxSeqLength must be positive; maxSeqLength=" + maxSeqLength);
    }
    fallbacks = List.copyOf(fallbacks);
  }
}
