package dev.embedkit.eval.embed;

import dev.embedkit.ModelInfo;
import java.util.Map;

/**
 * The prompts an evaluation prepends, as MTEB applies them for a model.
 *
 * <ul>
 *   <li>Retrieval: queries get the model's "query" prompt, documents its "document" (or "passage") prompt. This is
 *       what MTEB's sentence-transformers wrapper does with the prompts in mteb/models: e5 gets "query: " and
 *       "passage: ", bge-small-en-v1.5 gets "Represent this sentence for searching relevant passages: " on queries and
 *       nothing on documents, all-MiniLM-L6-v2 gets nothing.
 *   <li>Symmetric tasks (STS, classification, clustering): no prompt for any model. MTEB's STS evaluator encodes
 *       with the task name only (no query/passage prompt type), so the wrapper finds no prompt for it; measured here,
 *       e5-small-v2 on STSBenchmark gives 84.92 without a prompt (MTEB's published 84.92) and 85.94 with the
 *       "query: " its model card recommends for symmetric tasks. Pass the prompt explicitly to follow the card.
 * </ul>
 *
 * Explicit prompts from the command line win over all of these.
 *
 * @param query prepended to retrieval queries
 * @param document prepended to retrieval documents
 * @param symmetric prepended to every text of a symmetric task
 */
public record PromptPlan(String query, String document, String symmetric) {

  public static PromptPlan forModel(String name, ModelInfo info) {
    Map<String, String> prompts = info.prompts();
    String query = prompts.getOrDefault("query", "");
    String document = prompts.getOrDefault("document", prompts.getOrDefault("passage", ""));
    return new PromptPlan(query, document, "");
  }

  /** Replaces the parts given (non-null). */
  public PromptPlan with(String newQuery, String newDocument, String newSymmetric) {
    return new PromptPlan(newQuery != null ? newQuery : query, newDocument != null ? newDocument : document,
        newSymmetric != null ? newSymmetric : symmetric);
  }
}
