package dev.embedkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from Linux's {@code /proc/PID/status}: VmHWM is the peak resident set size since
 * the process started (Java heap, native ONNX Runtime arenas, mapped model files: everything a user pays for).
 */
public final class ProcStatus {
  private static final Path SELF = Path.of("/proc/self/status");

  private ProcStatus() {}

  /** Peak resident set size of this process in KiB, or -1 where /proc is not available. */
  public static long peakRssKib() {
    return field(SELF, "VmHWM:");
  }

  /** Current resident set size of this process in KiB, or -1 where /proc is not available. */
  public static long rssKib() {
    return field(SELF, "VmRSS:");
  }

  /** Anonymous resident memory of this process (heaps, native buffers) in KiB, or -1 where /proc is not available. */
  public static long rssAnonKib() {
    return field(SELF, "RssAnon:");
  }

  /** File-backed resident memory of this process (mapped files' pages) in KiB, or -1 where /proc is not available. */
  public static long rssFileKib() {
    return field(SELF, "RssFile:");
  }

  /** Current resident set size of process {@code pid} in KiB, or -1 when it has gone or /proc is not available. */
  public static long rssKib(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
  }

  /** Peak resident set size of process {@code pid} in KiB, or -1 when it has gone or /proc is not available. */
  public static long peakRssKib(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
  }

  private static long field(Path status, String name) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
