package dev.embedkit.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress with throughput on stderr, for long inputs. On a terminal it redraws one line; otherwise it prints a line
 * every {@link #QUIET_INTERVAL_NANOS} and a summary at the end, so logs stay readable. Never writes to stdout.
 */
final class ProgressBar {
  static final int WIDTH = 30;
  static final long REDRAW_INTERVAL_NANOS = 200_000_000L;
  static final long QUIET_INTERVAL_NANOS = 10_000_000_000L;

  private final PrintWriter err;
  private final String unit;
  private final long total;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long lastDraw;
  private long done;

  ProgressBar(PrintWriter err, String unit, long total, boolean terminal) {
    this.err = err;
    this.unit = unit;
    this.total = total;
    this.terminal = terminal;
  }

  void advance(long count) {
    done += count;
    long now = System.nanoTime();
    long interval = terminal ? REDRAW_INTERVAL_NANOS : QUIET_INTERVAL_NANOS;
    if (done < total && now - lastDraw < interval) {
      return;
    }
    lastDraw = now;
    if (terminal) {
      err.print("\r" + line(now));
      if (done >= total) {
        err.println();
      }
    } else if (done < total) {
      err.println(line(now));
    }
    err.flush();
  }

  void finish() {
    if (!terminal || done < total) {
      double seconds = (System.nanoTime() - start) / 1e9;
      err.printf(Locale.ROOT, "embedded %d %s in %.1f s (%.1f %s/s)%n", done, unit, seconds, rate(System.nanoTime()), unit);
      err.flush();
    }
  }

  private String line(long now) {
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
    double rate = rate(now);
    long etaSeconds = rate > 0 ? Math.round((total - done) / rate) : 0;
    return String.format(Locale.ROOT, "[%s] %d/%d %s  %.1f %s/s  ETA %ds ", bar, done, total, unit, rate, unit, etaSeconds);
  }

  private double rate(long now) {
    double seconds = (now - start) / 1e9;
    return seconds > 0 ? done / seconds : 0;
  }
}
