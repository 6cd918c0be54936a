package dev.embedkit.store.remote;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;

/**
 * An {@link EmbedkitException} from {@link HttpCollection} that keeps what only HTTP knows, for adapters that map
 * errors into their framework's types: the status the server answered ({@code 0} when none came), whether the server
 * refused the API key (401 or 403), and whether the request timed out (a write may then have been applied or not).
 */
public final class RemoteException extends EmbedkitException {
  private final int status;
  private final boolean timedOut;
  /** The server's Retry-After, when it sent one in seconds. */
  transient java.time.Duration retryAfter;

  RemoteException(ErrorKind kind, String message, int status, boolean timedOut, Throwable cause) {
    super(kind, message, cause);
    this.status = status;
    this.timedOut = timedOut;
  }

  /** The HTTP status of the answer; 0 when there was none (no connection, timeout). */
  public int status() {
    return status;
  }

  /** Whether the server refused the API key (HTTP 401 or 403). */
  public boolean keyRefused() {
    return status == 401 || status == 403;
  }

  /** Whether no answer came within the timeout. */
  public boolean timedOut() {
    return timedOut;
  }
}
