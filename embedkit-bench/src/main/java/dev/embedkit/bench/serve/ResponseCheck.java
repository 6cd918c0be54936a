package dev.embedkit.bench.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Checks a 200 from {@code POST /v1/embeddings}: {@code "object": "list"}, one {@code data} entry per text, in
 * order ({@code index} 0, 1, ...), each vector close to the one the library gives its text in-process. A server
 * that batches concurrent requests must hand every client its own texts' vectors: a vector for another text has a
 * cosine far below {@link #MIN_COSINE} on this corpus.
 */
final class ResponseCheck {
  /** Lowest cosine to the in-process vector accepted as the same text's vector. */
  static final double MIN_COSINE = 0.999;
  /** Jackson's fast float parser: a minute of 64 clients reads millions of numbers, on the server's cores. */
  private static final ObjectMapper JSON = new ObjectMapper(
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

  private final List<float[]> references;
  private final Encoding encoding;

  ResponseCheck(List<float[]> references, Encoding encoding) {
    this.references = List.copyOf(references);
    this.encoding = encoding;
  }

  /**
   * What the body says about the texts at {@code indexes}.
   *
   * @param problem what is wrong, or null
   * @param minCosine lowest cosine of a vector to its reference (NaN if none was compared)
   * @param maxAbsDiff largest absolute difference of a component to its reference (NaN if none was compared)
   */
  record Verdict(String problem, double minCosine, double maxAbsDiff) {}

  Verdict check(byte[] body, int[] indexes) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return new Verdict("body is not JSON: " + e.getMessage(), Double.NaN, Double.NaN);
    }
    if (!"list".equals(root.path("object").asText())) {
      return new Verdict("\"object\" is " + root.path("object") + ", not \"list\"", Double.NaN, Double.NaN);
    }
    JsonNode data = root.path("data");
    if (!data.isArray() || data.size() != indexes.length) {
      return new Verdict("\"data\" holds " + (data.isArray() ? data.size() + " entries" : "no array") + " for "
          + indexes.length + " texts", Double.NaN, Double.NaN);
    }
    double minCosine = 1;
    double maxAbsDiff = 0;
    for (int i = 0; i < indexes.length; i++) {
      JsonNode entry = data.get(i);
      if (entry.path("index").asInt(-1) != i) {
        return new Verdict("data[" + i + "].index is " + entry.path("index"), Double.NaN, Double.NaN);
      }
      float[] vector;
      try {
        vector = encoding.vector(entry.path("embedding"));
      } catch (IllegalArgumentException e) {
        return new Verdict("data[" + i + "]: " + e.getMessage(), Double.NaN, Double.NaN);
      }
      float[] reference = references.get(indexes[i]);
      if (vector.length != reference.length) {
        return new Verdict("data[" + i + "] has " + vector.length + " dimensions, not " + reference.length,
            Double.NaN, Double.NaN);
      }
      minCosine = Math.min(minCosine, cosine(vector, reference));
      for (int d = 0; d < vector.length; d++) {
        maxAbsDiff = Math.max(maxAbsDiff, Math.abs(vector[d] - reference[d]));
      }
    }
    String problem = minCosine < MIN_COSINE
        ? String.format("a vector has cosine %.4f to its text's in-process vector (another text's vector?)", minCosine)
        : null;
    return new Verdict(problem, minCosine, maxAbsDiff);
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(normA * normB);
  }
}
