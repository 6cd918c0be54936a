package dev.embedkit;

/**
 * What went wrong, in the terms every entry point needs: the one table that maps an {@link EmbedkitException} to a
 * CLI exit code and an HTTP status. Transports read these two numbers; nothing else decides them.
 */
public enum ErrorKind {
  /** The caller's input is malformed, empty where it must not be, too large or out of range. */
  INVALID_INPUT(2, 422),
  /** A named thing (model, file, alias, revision) does not exist. */
  NOT_FOUND(2, 404),
  /** The input is well formed but this model or build cannot handle it (e.g. an image for a text-only model). */
  UNSUPPORTED(2, 422),
  /**
   * A model file is missing, broken, or lacks what the pipeline needs. The model is the user's choice (a folder, a
   * name), so the CLI treats it as bad input.
   */
  MODEL(2, 424),
  /** The request conflicts with what exists: a collection or document id already taken, an index locked by a writer. */
  CONFLICT(2, 409),
  /** Too much work queued; try again later. */
  OVERLOADED(1, 429),
  /** The model is closed, or the service is shutting down. */
  UNAVAILABLE(1, 503),
  /** Something the user cannot fix: I/O failure, native runtime failure, a bug. */
  INTERNAL(1, 500);

  private final int exitCode;
  private final int httpStatus;

  ErrorKind(int exitCode, int httpStatus) {
    this.exitCode = exitCode;
    this.httpStatus = httpStatus;
  }

  /** Process exit code for the CLI: 2 for bad usage or bad input, 1 for internal failures. */
  public int exitCode() {
    return exitCode;
  }

  /** HTTP status a server answers with. */
  public int httpStatus() {
    return httpStatus;
  }
}
