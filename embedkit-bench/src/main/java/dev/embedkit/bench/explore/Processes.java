package dev.embedkit.bench.explore;

import dev.embedkit.bench.ProcStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Waiting for a run's process under a time limit, and stopping it (and what it started) when it runs over. */
final class Processes {
  private Processes() {}

  /**
   * How a process ended.
   *
   * @param exit its exit status; -1 when it was stopped
   * @param timedOut whether it ran over the limit and was stopped
   * @param peakRssKib when stopped, the largest peak RSS (VmHWM) of it and its descendants just before; else -1
   */
  record Ending(int exit, boolean timedOut, long peakRssKib) {}

  /** Waits for {@code process}, at most {@code timeoutSeconds} (0: no limit). */
  static Ending await(Process process, int timeoutSeconds) throws InterruptedException {
    if (timeoutSeconds <= 0) {
      return new Ending(process.waitFor(), false, -1);
    }
    if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      return new Ending(process.exitValue(), false, -1);
    }
    long peak = ProcStatus.peakRssKib(process.pid());
    for (ProcessHandle child : process.descendants().toList()) {
      peak = Math.max(peak, ProcStatus.peakRssKib(child.pid()));
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(30, TimeUnit.SECONDS);
    return new Ending(-1, true, peak);
  }

  /** The first line a short command prints (stdout and stderr), or null when it cannot run or fails. */
  static String firstLine(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      int newline = out.indexOf('\n');
      return newline < 0 ? out : out.substring(0, newline);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
