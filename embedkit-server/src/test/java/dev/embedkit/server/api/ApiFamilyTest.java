package dev.embedkit.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.server.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each API's documented error statuses and types, against the one table that produces them. */
class ApiFamilyTest {
  /** TEI's README: Validation 422, Overloaded 429, Backend 424, Unhealthy 503, Empty 400; axum's body limit 413. */
  @ParameterizedTest
  @CsvSource({"INVALID_INPUT,422,Validation", "MALFORMED,422,Validation", "UNSUPPORTED,422,Validation",
      "OVERLOADED,429,Overloaded", "MODEL,424,Backend", "UNAVAILABLE,503,Unhealthy", "EMPTY,400,Empty",
      "TOO_LARGE,413,Validation", "UNAUTHORIZED,401,Unauthorized"})
  void teiStatusesAndErrorTypesAreTeis(Problem problem, int status, String type) {
    assertEquals(status, ApiFamily.TEI.status(problem));
    assertEquals(type, ApiFamily.TEI.body(problem, "m", null).get("error_type").asText());
  }

  /** OpenAI's error codes page: 400 invalid request, 401 invalid key, 404 model, 429 rate limit, 500, 503. */
  @ParameterizedTest
  @CsvSource({"INVALID_INPUT,400,invalid_request_error", "EMPTY,400,invalid_request_error",
      "UNAUTHORIZED,401,invalid_request_error", "MODEL_NOT_FOUND,404,invalid_request_error",
      "OVERLOADED,429,rate_limit_error", "INTERNAL,500,server_error", "UNAVAILABLE,503,server_error"})
  void openAiStatusesAndTypesAreOpenAis(Problem problem, int status, String type) {
    assertEquals(status, ApiFamily.OPENAI.status(problem));
    assertEquals(type, ApiFamily.OPENAI.body(problem, "m", "input").get("error").get("type").asText());
  }

  /** Qdrant's statuses: 400 for any bad request, 404 not found, 409 conflict, 429, 500, 503; its error envelope. */
  @ParameterizedTest
  @CsvSource({"MALFORMED,400", "INVALID_INPUT,400", "EMPTY,400", "UNSUPPORTED,400", "UNAUTHORIZED,401",
      "MODEL_NOT_FOUND,404", "NO_ROUTE,404", "METHOD_NOT_ALLOWED,405", "CONFLICT,409", "TOO_LARGE,413",
      "OVERLOADED,429", "MODEL,500", "INTERNAL,500", "UNAVAILABLE,503"})
  void collectionsStatusesAndEnvelopeAreQdrants(Problem problem, int status) {
    for (ApiFamily api : new ApiFamily[] {ApiFamily.COLLECTIONS, ApiFamily.QDRANT}) {
      assertEquals(status, api.status(problem), api::name);
      var body = api.body(problem, "m", null, 0.25);
      assertEquals("m", body.get("status").get("error").asText());
      assertEquals(0.25, body.get("time").asDouble());
      assertEquals(2, body.size());
    }
  }

  @Test
  void everyProblemHasAStatusInEveryApi() {
    for (ApiFamily api : ApiFamily.values()) {
      for (Problem problem : Problem.values()) {
        int status = api.status(problem);
        assertEquals(true, status >= 400 && status < 600, api + " " + problem + " -> " + status);
      }
    }
  }

  @Test
  void pathsPickTheirApi() {
    assertEquals(ApiFamily.OPENAI, ApiFamily.of("/v1/embeddings"));
    assertEquals(ApiFamily.OLLAMA, ApiFamily.of("/api/embed"));
    assertEquals(ApiFamily.TEI, ApiFamily.of("/embed"));
    assertEquals(ApiFamily.TEI, ApiFamily.of("/v1x"));
    assertEquals(ApiFamily.COLLECTIONS, ApiFamily.of("/collections"));
    assertEquals(ApiFamily.COLLECTIONS, ApiFamily.of("/collections/docs/search"));
    assertEquals(ApiFamily.TEI, ApiFamily.of("/collectionsx"));
    assertEquals(ApiFamily.QDRANT, ApiFamily.of("/qdrant"));
    assertEquals(ApiFamily.QDRANT, ApiFamily.of("/qdrant/collections/docs/points/query"));
    assertEquals(ApiFamily.TEI, ApiFamily.of("/qdrantx"));
  }
}
