package dev.embedkit.server.service;

import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the work admitted: a fixed pool of request permits and a budget of queued tokens. A request that finds
 * either exhausted is refused at once (429 with Retry-After), so nothing queues without bound; the same numbers that
 * admit work bound the queues, since only admitted requests enqueue.
 */
public final class Admission {
  /** Seconds a refused client is told to wait. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private final Semaphore requests;
  private final int maxRequests;
  private final long maxQueuedTokens;
  private final AtomicLong queuedTokens = new AtomicLong();
  private final AtomicInteger arriving = new AtomicInteger();

  public Admission(int maxRequests, long maxQueuedTokens) {
    this.requests = new Semaphore(maxRequests);
    this.maxRequests = maxRequests;
    this.maxQueuedTokens = maxQueuedTokens;
  }

  /** A permit for one request, released by {@link Ticket#close()}. */
  public Ticket admit() {
    if (!requests.tryAcquire()) {
      throw new ServerException(Problem.OVERLOADED, "the server is at its limit of " + maxRequests
          + " concurrent requests; retry after " + RETRY_AFTER_SECONDS + " s");
    }
    arriving.incrementAndGet();
    return new Ticket();
  }

  /** Requests admitted whose work is not queued yet (being read, parsed, tokenised): the batcher waits for them. */
  public int arriving() {
    return arriving.get();
  }

  public int inFlight() {
    return maxRequests - requests.availablePermits();
  }

  public long queuedTokens() {
    return queuedTokens.get();
  }

  /** One admitted request; holds its tokens in the queue budget until closed. */
  public final class Ticket implements AutoCloseable {
    private long tokens;
    private boolean closed;
    private boolean arrived;

    /** Its work is queued: the batcher need not wait for it any more. */
    public synchronized void arrived() {
      if (!arrived) {
        arrived = true;
        arriving.decrementAndGet();
      }
    }

    /** Adds tokens to the queue budget, or refuses the request when they do not fit. */
    public void reserve(long n) {
      long after = queuedTokens.addAndGet(n);
      if (after > maxQueuedTokens && after != n) { // a request alone over the budget still runs: progress first
        queuedTokens.addAndGet(-n);
        throw new ServerException(Problem.OVERLOADED, "the server has " + (after - n) + " tokens queued, and "
            + n + " more would pass its limit of " + maxQueuedTokens + "; retry after " + RETRY_AFTER_SECONDS + " s");
      }
      tokens += n;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        arrived();
        closed = true;
        queuedTokens.addAndGet(-tokens);
        requests.release();
      }
    }
  }
}
