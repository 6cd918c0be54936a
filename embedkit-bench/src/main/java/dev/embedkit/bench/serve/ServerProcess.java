package dev.embedkit.bench.serve;

import dev.embedkit.bench.ProcStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code embedkit serve} in its own process, so that its resident memory and CPU time are its own: started, waited
 * for until {@code GET /health} answers 200, stopped with SIGTERM.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration HEALTH_POLL = Duration.ofMillis(100);

  private final Process process;
  private final ServerLog log;
  private final URI base;
  private final HttpClient http;
  private final double readySeconds;

  private ServerProcess(Process process, ServerLog log, URI base, HttpClient http, double readySeconds) {
    this.process = process;
    this.log = log;
    this.base = base;
    this.http = http;
    this.readySeconds = readySeconds;
  }

  /**
   * Starts {@code command} and returns once the server answers {@code GET /health} with 200.
   *
   * @param name how its output lines are prefixed on this process's stderr
   * @throws IllegalStateException when it exits, or is not ready within {@code timeout} (its output is in the message)
   */
  static ServerProcess start(String name, List<String> command, Duration timeout, HttpClient http, PrintStream echo)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Process process = builder.start();
    process.getOutputStream().close();
    ServerLog log = ServerLog.follow(name, process.getInputStream(), echo);
    try {
      URI base = awaitUrl(process, log, deadline);
      while (health(http, base) != 200) {
        if (!process.isAlive() || System.nanoTime() - deadline > 0) {
          throw notReady(process, log, "its /health did not answer 200");
        }
        Thread.sleep(HEALTH_POLL.toMillis());
      }
      log.markReady();
      return new ServerProcess(process, log, base, http, (System.nanoTime() - start) / 1e9);
    } catch (RuntimeException | InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  URI base() {
    return base;
  }

  int port() {
    return base.getPort();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** From starting the process to the first 200 from /health. */
  double readySeconds() {
    return readySeconds;
  }

  /** The server's resident memory now (VmRSS), KiB. */
  long rssKib() {
    return ProcStatus.rssKib(process.pid());
  }

  /** Its peak resident memory so far (VmHWM), KiB. */
  long peakRssKib() {
    return ProcStatus.peakRssKib(process.pid());
  }

  int health() {
    return health(http, base);
  }

  ServerLog log() {
    return log;
  }

  /**
   * Sends SIGTERM and waits up to {@code timeout} for the process to exit.
   *
   * @param exitCode the exit status, or -1 when it had to be killed
   * @param seconds from the signal to the exit
   */
  record Stop(int exitCode, double seconds) {}

  Stop stop(Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      return new Stop(-1, (System.nanoTime() - start) / 1e9);
    }
    return new Stop(process.exitValue(), (System.nanoTime() - start) / 1e9);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static URI awaitUrl(Process process, ServerLog log, long deadline) throws InterruptedException {
    while (true) {
      try {
        return log.url().get(Math.min(HEALTH_POLL.toNanos(), Math.max(1, deadline - System.nanoTime())),
            TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (!process.isAlive() || System.nanoTime() - deadline > 0) {
          throw notReady(process, log, "it printed no http://127.0.0.1:PORT line");
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private static IllegalStateException notReady(Process process, ServerLog log, String why) {
    String state = process.isAlive() ? "still running" : "exited with " + process.exitValue();
    return new IllegalStateException("the server is not ready (" + why + "; " + state + "); its last output:\n"
        + log.tail());
  }

  private static int health(HttpClient http, URI base) {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
