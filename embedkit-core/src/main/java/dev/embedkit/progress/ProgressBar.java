package dev.embedkit.progress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress with throughput on stderr, for every long-running command (embedding, evaluation, downloads). On a
 * terminal it redraws one line ({@code label [#####-----]  42%  2100/5000 texts  345.2 texts/s  ETA 8 s}); otherwise
 * it prints a plain line every {@link #QUIET_INTERVAL_NANOS} and a summary at the end, so logs stay readable.
 * {@link #SILENT} draws nothing. Never writes to stdout.
 */
public final class ProgressBar {
  static final int WIDTH = 24;
  static final long REDRAW_INTERVAL_NANOS = 200_000_000L;
  static final long QUIET_INTERVAL_NANOS = 10_000_000_000L;

  /** What is counted: items with a noun ("texts", "images"), or bytes. */
  public record Unit(String noun, boolean bytes) {
    public static final Unit BYTES = new Unit("", true);

    public static Unit of(String noun) {
      return new Unit(noun, false);
    }

    String amount(long count) {
      return bytes ? ByteSize.human(count) : Long.toString(count);
    }

    String rate(double perSecond) {
      return bytes ? ByteSize.human((long) perSecond) + "/s" : String.format(Locale.ROOT, "%.1f %s/s", perSecond, noun);
    }
  }

  /** A bar that draws nothing. */
  public static final ProgressBar SILENT = new ProgressBar(null, "", 0, 0, Unit.of("items"), false);

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final long initial;
  private final Unit unit;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long lastDraw;
  private long done;

  private ProgressBar(PrintWriter err, String label, long total, long initial, Unit unit, boolean terminal) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.initial = initial;
    this.done = initial;
    this.unit = unit;
    this.terminal = terminal;
    this.lastDraw = start; // the first line waits one interval: short tasks print only their end
  }

  /**
   * A bar on {@code err}; {@link #SILENT} when {@code err} is null.
   *
   * @param total the amount that means done, or 0 when unknown
   * @param terminal redraw one line (true) or print occasional plain lines (false)
   */
  public static ProgressBar on(PrintWriter err, String label, long total, Unit unit, boolean terminal) {
    return err == null ? SILENT : new ProgressBar(err, label, total, 0, unit, terminal);
  }

  /** A new bar on the same stream, unit and mode. */
  public ProgressBar next(String nextLabel, long nextTotal) {
    return next(nextLabel, nextTotal, 0);
  }

  /** A new bar that starts {@code alreadyDone} of the way (a resumed download); the rate counts only new progress. */
  public ProgressBar next(String nextLabel, long nextTotal, long alreadyDone) {
    return err == null ? SILENT : new ProgressBar(err, nextLabel, nextTotal, alreadyDone, unit, terminal);
  }

  public synchronized void advance(long count) {
    if (err == null) {
      return;
    }
    done += count;
    long now = System.nanoTime();
    if (now - lastDraw < (terminal ? REDRAW_INTERVAL_NANOS : QUIET_INTERVAL_NANOS) && (total == 0 || done < total)) {
      return;
    }
    lastDraw = now;
    if (terminal) {
      err.print("\r" + line(now));
    } else if (total == 0 || done < total) {
      err.println(line(now));
    }
    err.flush();
  }

  /** Draws the final state: a last redraw and a new line on a terminal, a summary line otherwise. */
  public synchronized void finish() {
    if (err == null) {
      return;
    }
    long now = System.nanoTime();
    if (terminal) {
      err.println("\r" + line(now));
    } else {
      err.printf(Locale.ROOT, "%s: %s%s in %.1f s (%s)%n", label, unit.amount(done), unit.bytes() ? "" : " " + unit.noun(),
          seconds(now), unit.rate(rate(now)));
    }
    err.flush();
  }

  String line(long now) {
    StringBuilder line = new StringBuilder(label);
    double rate = rate(now);
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * done / total);
      line.append("  [").append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("]  ")
          .append(String.format(Locale.ROOT, "%3d%%", 100 * Math.min(done, total) / total)).append("  ")
          .append(unit.amount(done)).append('/').append(unit.amount(total));
    } else {
      line.append("  ").append(unit.amount(done));
    }
    if (!unit.bytes()) {
      line.append(' ').append(unit.noun());
    }
    line.append("  ").append(unit.rate(rate));
    if (total > 0 && rate > 0 && done < total) {
      line.append(String.format(Locale.ROOT, "  ETA %d s", Math.round((total - done) / rate)));
    }
    return line.append("  ").toString();
  }

  private double seconds(long now) {
    return Math.max((now - start) / 1e9, 1e-3);
  }

  private double rate(long now) {
    return (done - initial) / seconds(now);
  }
}
