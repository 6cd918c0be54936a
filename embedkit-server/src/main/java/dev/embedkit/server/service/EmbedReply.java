package dev.embedkit.server.service;

import dev.embedkit.EmbeddingResult;

/**
 * The answer to an {@link EmbedCall}.
 *
 * @param model the model that served it
 * @param result one embedding per input, in input order
 * @param totalNanos time from admission to the last vector
 * @param loadNanos time this request spent waiting for its model to load (0 when it was loaded)
 */
public record EmbedReply(ServedModel model, EmbeddingResult result, long totalNanos, long loadNanos) {}
