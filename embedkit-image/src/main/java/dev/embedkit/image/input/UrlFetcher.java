package dev.embedkit.image.input;

import dev.embedkit.EmbedkitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Fetches image bytes over HTTP(S) within a {@link FetchPolicy}: a size cap enforced while reading, one deadline for
 * the whole fetch, and redirects followed by hand so that each target's address is checked against the private
 * address switch before it is contacted.
 */
public final class UrlFetcher {
  private final FetchPolicy policy;
  private final HttpClient client;

  public UrlFetcher(FetchPolicy policy) {
    this.policy = policy;
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(policy.timeout()).build();
  }

  public FetchPolicy policy() {
    return policy;
  }

  public byte[] fetch(URI uri) {
    Instant deadline = Instant.now().plus(policy.timeout());
    URI current = uri;
    for (int hop = 0; hop <= policy.maxRedirects(); hop++) {
      checkAddress(current);
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw timedOut(uri);
      }
      HttpRequest request = HttpRequest.newBuilder(current).timeout(left).header("Accept", "image/*")
          .header("User-Agent", "embedkit").GET().build();
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw timedOut(uri);
      } catch (IOException e) {
        throw EmbedkitException.invalidInput("cannot fetch " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw EmbedkitException.internal("interrupted while fetching " + uri, e);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400 && status != 304) {
        String location = response.headers().firstValue("Location").orElse(null);
        closeQuietly(response.body());
        if (location == null) {
          throw EmbedkitException.invalidInput(uri + " redirected (HTTP " + status + ") without a Location");
        }
        current = current.resolve(location);
        String scheme = current.getScheme() == null ? "" : current.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
          throw EmbedkitException.invalidInput(uri + " redirected to a non-HTTP URL: " + current);
        }
        continue;
      }
      if (status != 200) {
        closeQuietly(response.body());
        throw EmbedkitException.invalidInput("fetching " + uri + " gave HTTP " + status + "; expected 200 with an image");
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > policy.maxBytes()) {
        closeQuietly(response.body());
        throw tooBig(uri);
      }
      return readCapped(response.body(), uri, deadline);
    }
    throw EmbedkitException.invalidInput(uri + " redirected more than " + policy.maxRedirects() + " times");
  }

  private byte[] readCapped(InputStream body, URI uri, Instant deadline) {
    try (InputStream in = body) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16384];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        if (out.size() > policy.maxBytes()) {
          throw tooBig(uri);
        }
        if (Instant.now().isAfter(deadline)) {
          throw timedOut(uri);
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw EmbedkitException.invalidInput("cannot read " + uri + ": " + e.getMessage());
    }
  }

  /** Resolves the host and refuses non-public addresses unless the policy allows them. */
  void checkAddress(URI uri) {
    if (policy.allowPrivateAddresses()) {
      return;
    }
    String host = uri.getHost();
    if (host == null) {
      throw EmbedkitException.invalidInput("URL has no host: " + uri);
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      throw EmbedkitException.invalidInput("cannot resolve host " + host + " of " + uri);
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        throw EmbedkitException.invalidInput("refusing to fetch " + uri + ": " + host + " resolves to the non-public address "
            + address.getHostAddress() + " (loopback, private and link-local addresses are not allowed here)");
      }
    }
  }

  /** False for loopback, private, link-local, unique-local, unspecified, multicast and carrier-grade NAT addresses. */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xFE) == 0xFC) {
        return false; // fc00::/7 unique local
      }
      boolean v4Mapped = true;
      for (int i = 0; i < 10; i++) {
        v4Mapped &= b[i] == 0;
      }
      if (v4Mapped && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
        try {
          return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return false;
        }
      }
      return true;
    }
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    return first != 0 && !(first == 100 && second >= 64 && second < 128) && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0)
        && first < 240;
  }

  private static EmbedkitException tooBig(URI uri) {
    return EmbedkitException.invalidInput(uri + " is larger than the limit for fetched images");
  }

  private EmbedkitException timedOut(URI uri) {
    return EmbedkitException.invalidInput("fetching " + uri + " took longer than " + policy.timeout().toSeconds() + " s");
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the response is abandoned either way
    }
  }
}
