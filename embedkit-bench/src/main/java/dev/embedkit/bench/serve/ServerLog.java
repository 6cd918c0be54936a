package dev.embedkit.bench.serve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the server's output (stdout and stderr together) on a daemon thread, so its pipe never fills: finds the
 * line announcing {@code http://127.0.0.1:PORT}, echoes the startup lines and any line that looks like a problem,
 * keeps the last lines for a failure message, and collects the server's own time for each request from its access
 * lines ({@code status=429 ms=0.41}): the time the server spent, apart from the time the request waited for a
 * thread or the client for the CPU.
 */
final class ServerLog {
  private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern ACCESS = Pattern.compile("path=/v1/embeddings .*?\\bstatus=(\\d{3}) ms=([0-9.]+)");
  private static final Pattern PROBLEM = Pattern.compile("\\b(ERROR|WARN|SEVERE|Exception|Error)\\b");
  private static final int TAIL = 40;
  private static final int ECHOED_PROBLEMS = 20;

  private final String name;
  private final PrintStream echo;
  private final CompletableFuture<URI> url = new CompletableFuture<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<Integer, List<Long>> accessNanos = new HashMap<>();
  private volatile boolean ready;
  private int problemCount;

  private ServerLog(String name, PrintStream echo) {
    this.name = name;
    this.echo = echo;
  }

  static ServerLog follow(String name, InputStream output, PrintStream echo) {
    ServerLog log = new ServerLog(name, echo);
    Thread thread = new Thread(() -> log.read(output), name + "-log");
    thread.setDaemon(true);
    thread.start();
    return log;
  }

  /** Completes with the server's address once it prints it; never if it does not. */
  CompletableFuture<URI> url() {
    return url;
  }

  /** From now on only problem lines are echoed. */
  void markReady() {
    ready = true;
  }

  synchronized String tail() {
    return String.join("\n", tail);
  }

  /**
   * The server's own time for each {@code /v1/embeddings} request with {@code status} logged since the last call
   * for that status; forgets them.
   */
  synchronized Latencies drainAccess(int status) {
    List<Long> nanos = accessNanos.remove(status);
    return Latencies.of(nanos == null ? new long[0] : nanos.stream().mapToLong(Long::longValue).toArray());
  }

  /** Forgets every access line so far. */
  synchronized void clearAccess() {
    accessNanos.clear();
  }

  /** Lines after the server was ready that mention an error, a warning or an exception. */
  synchronized int problemCount() {
    return problemCount;
  }

  /** The first of those lines. */
  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  private void read(InputStream output) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        take(line);
      }
    } catch (IOException e) {
      take("(reading the server's output failed: " + e.getMessage() + ")");
    }
  }

  private synchronized void take(String line) {
    tail.addLast(line);
    if (tail.size() > TAIL) {
      tail.removeFirst();
    }
    Matcher m = URL.matcher(line);
    if (!url.isDone() && m.find()) {
      url.complete(URI.create("http://127.0.0.1:" + m.group(1)));
    }
    Matcher access = ACCESS.matcher(line);
    if (ready && access.find()) {
      accessNanos.computeIfAbsent(Integer.parseInt(access.group(1)), s -> new ArrayList<>())
          .add((long) (Double.parseDouble(access.group(2)) * 1e6));
      return;
    }
    boolean problem = ready && PROBLEM.matcher(line).find();
    if (problem) {
      problemCount++;
      if (problems.size() < Tally.EXAMPLES) {
        problems.add(line);
      }
    }
    if (!ready || (problem && problemCount <= ECHOED_PROBLEMS)) {
      echo.println("  " + name + "| " + line);
    }
  }
}
