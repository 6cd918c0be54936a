package dev.embedkit.bench.serve;

/** KiB as MiB for the report. */
final class Mib {
  private Mib() {}

  static String of(long kib) {
    return kib < 0 ? "n/a" : String.format("%.0f MiB", kib / 1024.0);
  }
}
