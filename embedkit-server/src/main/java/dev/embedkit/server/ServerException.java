package dev.embedkit.server;

import dev.embedkit.EmbedkitException;

/**
 * A request's failure with its {@link Problem}, a one-line message that says what was wrong and what is accepted,
 * and the request field at fault (OpenAI's {@code param}), if one is.
 */
public final class ServerException extends RuntimeException {
  private final Problem problem;
  private final String param;

  public ServerException(Problem problem, String message, String param) {
    super(message, null, false, false);
    this.problem = problem;
    this.param = param;
  }

  public ServerException(Problem problem, String message) {
    this(problem, message, null);
  }

  public static ServerException malformed(String message, String param) {
    return new ServerException(Problem.MALFORMED, message, param);
  }

  public static ServerException invalid(String message, String param) {
    return new ServerException(Problem.INVALID_INPUT, message, param);
  }

  /** Core's exception in the server's terms; an error about one input names it as {@code input[i]}. */
  public static ServerException of(EmbedkitException e, String inputField) {
    String message = e.getMessage();
    if (e.inputIndex().isPresent() && e.detail() != null) {
      message = inputField + "[" + e.inputIndex().getAsInt() + "] " + e.detail();
    }
    return new ServerException(Problem.of(e.kind()), message, e.inputIndex().isPresent() ? inputField : null);
  }

  public Problem problem() {
    return problem;
  }

  public String param() {
    return param;
  }
}
