package dev.embedkit.server.api;

import dev.embedkit.EmbeddingResult;
import io.javalin.http.Context;

/** Response details every API shares. */
final class Responses {
  /** How many of the request's inputs were cut at the model's window. */
  static final String TRUNCATED_HEADER = "X-Truncated-Inputs";

  private Responses() {}

  static void truncated(Context ctx, EmbeddingResult result) {
    ctx.header(TRUNCATED_HEADER, Integer.toString(result.truncatedCount()));
  }
}
