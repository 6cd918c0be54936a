package dev.embedkit.server.service;

import dev.embedkit.EmbedOptions;
import java.util.List;

/**
 * One embedding request as every API's adapter hands it to the {@link EmbeddingService}.
 *
 * @param model the requested model name; null or blank for the default
 * @param inputs the inputs, in order
 * @param options per-call options (truncation already resolved against the server's default)
 * @param inputField the request field the inputs came from, for error messages ("input", "inputs", "prompt")
 */
public record EmbedCall(String model, List<InputItem> inputs, EmbedOptions options, String inputField) {
  public EmbedCall {
    inputs = List.copyOf(inputs);
  }
}
