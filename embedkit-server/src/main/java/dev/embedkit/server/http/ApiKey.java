package dev.embedkit.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The server's Bearer key. Comparison is constant-time over SHA-256 digests, so neither the key's content nor its
 * length leaks through timing. The key is never logged or printed.
 */
public final class ApiKey {
  private final byte[] digest;

  public ApiKey(String key) {
    this.digest = sha256(key);
  }

  /** Whether an {@code Authorization} header carries this key as {@code Bearer KEY}. */
  public boolean accepts(String authorization) {
    if (authorization == null || authorization.length() < 7
        || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
  }

  /** Whether a bare key (Qdrant's {@code api-key} header) is this key. */
  public boolean acceptsKey(String key) {
    return key != null && MessageDigest.isEqual(digest, sha256(key.strip()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKey[hidden]";
  }
}
