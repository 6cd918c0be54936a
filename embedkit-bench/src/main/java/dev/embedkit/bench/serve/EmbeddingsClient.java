package dev.embedkit.bench.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's {@code POST /v1/embeddings} over one shared {@link HttpClient} (HTTP/1.1, kept-alive connections), as
 * many threads at once as the load needs. The latency of a request runs from sending it to having its whole body;
 * checking the body comes after and is not counted.
 */
final class EmbeddingsClient {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI embeddings;
  private final String model;
  private final Encoding encoding;
  private final List<String> texts;
  private final ResponseCheck check;

  /**
   * @param base the server, {@code http://127.0.0.1:PORT}
   * @param texts every text a request may name by index
   * @param check what a 200's body is checked against
   */
  EmbeddingsClient(HttpClient http, URI base, String model, Encoding encoding, List<String> texts,
      ResponseCheck check) {
    this.http = http;
    this.embeddings = base.resolve("/v1/embeddings");
    this.model = model;
    this.encoding = encoding;
    this.texts = List.copyOf(texts);
    this.check = check;
  }

  static HttpClient newHttpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Embeds the texts at {@code indexes}; never throws for what the server or the network did. */
  Outcome embed(int[] indexes) {
    HttpRequest request = HttpRequest.newBuilder(embeddings).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(indexes))).build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return Outcome.failed(System.nanoTime() - start, indexes.length, e.getClass().getSimpleName() + ": "
          + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed(System.nanoTime() - start, indexes.length, "interrupted");
    }
    long nanos = System.nanoTime() - start;
    int status = response.statusCode();
    boolean retryAfter = RetryAfter.valid(response.headers().firstValue("Retry-After").orElse(null));
    if (status != Outcome.OK) {
      String problem = status == Outcome.TOO_MANY_REQUESTS ? null : snippet(response.body());
      return new Outcome(status, nanos, indexes.length, retryAfter, problem, Double.NaN, Double.NaN);
    }
    ResponseCheck.Verdict verdict = check.check(response.body(), indexes);
    return new Outcome(status, nanos, indexes.length, retryAfter, verdict.problem(), verdict.minCosine(),
        verdict.maxAbsDiff());
  }

  private byte[] body(int[] indexes) {
    List<String> input = new ArrayList<>(indexes.length);
    for (int index : indexes) {
      input.add(texts.get(index));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("input", input);
    body.put("encoding_format", encoding.wireName());
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String snippet(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
