package dev.embedkit.server;

import dev.embedkit.image.decode.DecodeOptions;

/**
 * What one request may ask and how much work may wait. Every limit is checked before any inference runs, and a
 * request over one gets the called API's error at once.
 *
 * @param maxBodyBytes largest request body (413 above)
 * @param maxInputs inputs in one request (OpenAI's limit is 2048)
 * @param maxRequestTokens tokens in one request, after truncation, prompts and special tokens included
 * @param maxBatchTokens token budget of one inference call; the batcher merges requests up to it (TEI's
 *     max-batch-tokens); a single input over it still runs, alone
 * @param maxConcurrentRequests embedding requests admitted at once; beyond it 429 with Retry-After
 * @param maxQueuedTokens tokens admitted and not yet embedded, over all models; beyond it 429 with Retry-After
 * @param maxImageBytes encoded size of one image (inline or fetched)
 * @param maxImagePixels width x height of one image, checked before its pixels are decoded
 */
public record ServerLimits(
    long maxBodyBytes,
    int maxInputs,
    int maxRequestTokens,
    int maxBatchTokens,
    int maxConcurrentRequests,
    long maxQueuedTokens,
    long maxImageBytes,
    long maxImagePixels) {

  public static final long DEFAULT_MAX_BODY_BYTES = 2L << 20;
  public static final int DEFAULT_MAX_INPUTS = 2048;
  public static final int DEFAULT_MAX_REQUEST_TOKENS = 300_000;
  public static final int DEFAULT_MAX_BATCH_TOKENS = 16_384;
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 512;
  public static final long DEFAULT_MAX_QUEUED_TOKENS = 1_000_000;
  public static final long DEFAULT_MAX_IMAGE_BYTES = 10L << 20;
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 40_000_000L;

  public static final ServerLimits DEFAULTS = new ServerLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_INPUTS,
      DEFAULT_MAX_REQUEST_TOKENS, DEFAULT_MAX_BATCH_TOKENS, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_QUEUED_TOKENS,
      DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_PIXELS);

  public ServerLimits {
    positive("maxBodyBytes", maxBodyBytes);
    positive("maxInputs", maxInputs);
    positive("maxRequestTokens", maxRequestTokens);
    positive("maxBatchTokens", maxBatchTokens);
    positive("maxConcurrentRequests", maxConcurrentRequests);
    positive("maxQueuedTokens", maxQueuedTokens);
    positive("maxImageBytes", maxImageBytes);
    positive("maxImagePixels", maxImagePixels);
    if (maxImagePixels > DecodeOptions.DEFAULT_MAX_PIXELS) {
      throw new IllegalArgumentException("maxImagePixels must be at most " + DecodeOptions.DEFAULT_MAX_PIXELS
          + " (Pillow's limit); maxImagePixels=" + maxImagePixels);
    }
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive; " + name + "=" + value);
    }
  }

  public ServerLimits withMaxBodyBytes(long n) {
    return new ServerLimits(n, maxInputs, maxRequestTokens, maxBatchTokens, maxConcurrentRequests, maxQueuedTokens, maxImageBytes, maxImagePixels);
  }

  public ServerLimits withMaxInputs(int n) {
    return new ServerLimits(maxBodyBytes, n, maxRequestTokens, maxBatchTokens, maxConcurrentRequests, maxQueuedTokens, maxImageBytes, maxImagePixels);
  }

  public ServerLimits withMaxRequestTokens(int n) {
    return new ServerLimits(maxBodyBytes, maxInputs, n, maxBatchTokens, maxConcurrentRequests, maxQueuedTokens, maxImageBytes, maxImagePixels);
  }

  public ServerLimits withMaxBatchTokens(int n) {
    return new ServerLimits(maxBodyBytes, maxInputs, maxRequestTokens, n, maxConcurrentRequests, maxQueuedTokens, maxImageBytes, maxImagePixels);
  }

  public ServerLimits withMaxConcurrentRequests(int n) {
    return new ServerLimits(maxBodyBytes, maxInputs, maxRequestTokens, maxBatchTokens, n, maxQueuedTokens, maxImageBytes, maxImagePixels);
  }

  public ServerLimits withMaxQueuedTokens(long n) {
    return new ServerLimits(maxBodyBytes, maxInputs, maxRequestTokens, maxBatchTokens, maxConcurrentRequests, n, maxImageBytes, maxImagePixels);
  }

  public ServerLimits withMaxImageBytes(long n) {
    return new ServerLimits(maxBodyBytes, maxInputs, maxRequestTokens, maxBatchTokens, maxConcurrentRequests, maxQueuedTokens, n, maxImagePixels);
  }

  public ServerLimits withMaxImagePixels(long n) {
    return new ServerLimits(maxBodyBytes, maxInputs, maxRequestTokens, maxBatchTokens, maxConcurrentRequests, maxQueuedTokens, maxImageBytes, n);
  }
}
