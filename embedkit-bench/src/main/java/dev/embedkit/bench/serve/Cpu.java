package dev.embedkit.bench.serve;

import java.time.Duration;

/** CPU time of a whole process, all threads, as the operating system counts it. */
final class Cpu {
  private Cpu() {}

  /** Nanoseconds of CPU {@code process} has used so far, or 0 where the system does not say. */
  static long nanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
