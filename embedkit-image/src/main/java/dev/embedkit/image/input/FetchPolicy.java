package dev.embedkit.image.input;

import java.time.Duration;

/**
 * Limits for fetching images over HTTP.
 *
 * @param maxBytes largest body accepted (the download stops there)
 * @param timeout total time for one fetch, redirects included
 * @param maxRedirects redirects followed before giving up
 * @param allowPrivateAddresses fetch from loopback, private (RFC 1918, unique-local), link-local and other
 *     non-public addresses; a server should set false so a request cannot probe its network. The address is
 *     checked after DNS resolution for the first URL and again for every redirect target.
 */
public record FetchPolicy(long maxBytes, Duration timeout, int maxRedirects, boolean allowPrivateAddresses) {
  public static final long DEFAULT_MAX_BYTES = 20L << 20;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  /** For the CLI: the user fetches what they typed, local addresses included. */
  public static final FetchPolicy DEFAULTS = new FetchPolicy(DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, DEFAULT_MAX_REDIRECTS, true);
  /** For servers: public addresses only. */
  public static final FetchPolicy PUBLIC_ONLY = DEFAULTS.withAllowPrivateAddresses(false);

  public FetchPolicy {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive; maxBytes=" + maxBytes);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive; timeout=" + timeout);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative; maxRedirects=" + maxRedirects);
    }
  }

  public FetchPolicy withAllowPrivateAddresses(boolean allow) {
    return new FetchPolicy(maxBytes, timeout, maxRedirects, allow);
  }

  public FetchPolicy withMaxBytes(long n) {
    return new FetchPolicy(n, timeout, maxRedirects, allowPrivateAddresses);
  }

  public FetchPolicy withTimeout(Duration t) {
    return new FetchPolicy(maxBytes, t, maxRedirects, allowPrivateAddresses);
  }
}
