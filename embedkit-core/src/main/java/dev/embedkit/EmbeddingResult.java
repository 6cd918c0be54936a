package dev.embedkit;

import dev.embedkit.quant.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * The embeddings of one call, in input order.
 *
 * @param model the model's name
 * @param dimensions dimensions of each embedding (before bit packing)
 * @param precision output precision
 * @param embeddings one per input
 */
public record EmbeddingResult(String model, int dimensions, Precision precision, List<Embedding> embeddings) {
  public EmbeddingResult {
    embeddings = List.copyOf(embeddings);
  }

  /** Total tokens read, prompts and special tokens included (OpenAI's usage.prompt_tokens). */
  public int totalTokens() {
    return embeddings.stream().mapToInt(Embedding::tokens).sum();
  }

  /** How many inputs were cut at the model's maximum length. */
  public int truncatedCount() {
    return (int) embeddings.stream().filter(Embedding::truncated).count();
  }

  /** The float vectors (float32 results only). */
  public List<float[]> vectors() {
    if (precision != Precision.FLOAT32) {
      throw new IllegalStateException("vectors() needs float32 results; these are " + Named.of(precision));
    }
    List<float[]> out = new ArrayList<>(embeddings.size());
    embeddings.forEach(e -> out.add(e.vector()));
    return out;
  }
}
