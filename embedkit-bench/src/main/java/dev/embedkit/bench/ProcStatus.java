package dev.embedkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process from Linux's {@code /proc/self/status}: VmHWM is the peak resident set size since
 * the process started (Java heap, native ONNX Runtime arenas, mapped model files: everything a user pays for).
 */
final class ProcStatus {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcStatus() {}

  /** Peak resident set size in KiB, or -1 where /proc is not available. */
  static long peakRssKib() {
    return field("VmHWM:");
  }

  /** Current resident set size in KiB, or -1 where /proc is not available. */
  static long rssKib() {
    return field("VmRSS:");
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
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
