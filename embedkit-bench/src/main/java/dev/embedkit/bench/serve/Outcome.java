package dev.embedkit.bench.serve;

/**
 * What one HTTP request came back with.
 *
 * @param status the HTTP status, or {@link #NO_RESPONSE} when the request failed without one (refused, reset, timed
 *     out)
 * @param nanos from sending the request to having read and checked the whole response
 * @param texts texts the request asked for
 * @param retryAfter whether a valid {@code Retry-After} header (seconds or an HTTP date) came back
 * @param problem what was wrong with a response or the exception's message, or null when nothing was
 * @param minCosine lowest cosine of a returned vector to the in-process reference vector of its text, or NaN
 * @param maxAbsDiff largest absolute difference of a returned component to the reference, or NaN
 */
record Outcome(int status, long nanos, int texts, boolean retryAfter, String problem, double minCosine,
    double maxAbsDiff) {
  static final int NO_RESPONSE = -1;
  static final int OK = 200;
  static final int TOO_MANY_REQUESTS = 429;

  static Outcome failed(long nanos, int texts, String problem) {
    return new Outcome(NO_RESPONSE, nanos, texts, false, problem, Double.NaN, Double.NaN);
  }

  /** A 200 whose body held the right number of vectors, each close to its text's reference. */
  boolean ok() {
    return status == OK && problem == null;
  }

  boolean rejected() {
    return status == TOO_MANY_REQUESTS;
  }
}
