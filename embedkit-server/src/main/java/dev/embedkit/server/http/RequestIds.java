package dev.embedkit.server.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** {@code X-Request-Id}: the client's own when it is a short token, else a new random one. */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  public static String choose(String fromClient) {
    return fromClient != null && ACCEPTED.matcher(fromClient).matches() ? fromClient : UUID.randomUUID().toString();
  }
}
