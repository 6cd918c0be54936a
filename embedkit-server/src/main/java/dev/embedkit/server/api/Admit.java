package dev.embedkit.server.api;

import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.Admission;
import dev.embedkit.server.service.EmbeddingService;
import io.javalin.http.Context;

/** Admission before the body is parsed, so that a refusal (429) costs next to nothing. */
final class Admit {
  private Admit() {}

  /** A ticket for this request, or OVERLOADED after the unread body is dropped (the connection stays usable). */
  static Admission.Ticket request(Context ctx, EmbeddingService service) {
    try {
      return service.admit();
    } catch (ServerException refused) {
      Json.discardBody(ctx, service.limits().maxBodyBytes());
      throw refused;
    }
  }
}
