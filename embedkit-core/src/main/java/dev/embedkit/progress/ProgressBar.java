package dev.embedkit.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress with throughput on stderr, for every long-running command (embedding, evaluation, downloads); pick the
 * mode with {@link ProgressMode}. On a terminal it redraws one line
 * ({@code label  [#####-----]   42%  2100/5000 texts  345.2 texts/s  ETA 8 s}). Elsewhere (a log, a pipe) it prints a
 * short plain line at each quarter of the total and at least every {@link #LINE_INTERVAL_NANOS}, then a summary:
 *
 * <pre>
 * onnx/model.onnx: 25% 22.6 MB/90.4 MB, 11.3 MB/s, ETA 6 s
 * onnx/model.onnx: 90.4 MB in 7.9 s (11.4 MB/s)
 * </pre>
 *
 * {@link #SILENT} draws nothing. Never writes to stdout.
 */
public final class ProgressBar {
  static final int WIDTH = 24;
  static final long REDRAW_INTERVAL_NANOS = 200_000_000L;
  static final long LINE_INTERVAL_NANOS = 10_000_000_000L;
  /** Plain lines mark each 1/LINE_STEPS of the total: every 25%. */
  static final int LINE_STEPS = 4;

  /** What is counted: items with a noun ("texts", "images"), or bytes. */
  public record Unit(String noun, boolean bytes) {
    public static final Unit BYTES = new Unit("", true);

    public static Unit of(String noun) {
      return new Unit(noun, false);
    }

    String amount(long count) {
      return bytes ? ByteSize.human(count) : Long.toString(count);
    }

    /** "45.2 MB" or "300 texts". */
    String quantity(long count) {
      return bytes ? ByteSize.human(count) : count + " " + noun;
    }

    String rate(double perSecond) {
      return bytes ? ByteSize.human((long) perSecond) + "/s" : String.format(Locale.ROOT, "%.1f %s/s", perSecond, noun);
    }
  }

  /** A bar that draws nothing. */
  public static final ProgressBar SILENT = new ProgressBar(null, "", 0, 0, Unit.of("items"), false, System::nanoTime);

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final long initial;
  private final Unit unit;
  private final boolean terminal;
  private final LongSupplier clock;
  private final long start;
  private long lastDraw;
  private long lastStep;
  private long done;

  private ProgressBar(PrintWriter err, String label, long total, long initial, Unit unit, boolean terminal, LongSupplier clock) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.initial = initial;
    this.done = initial;
    this.unit = unit;
    this.terminal = terminal;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.lastDraw = start; // the first line waits one interval or one quarter: short tasks print only their end
    this.lastStep = step(initial); // a resumed download does not announce the quarters it already had
  }

  /**
   * A bar on {@code err}; {@link #SILENT} when {@code err} is null. {@link ProgressMode#bar} picks {@code terminal}.
   *
   * @param total the amount that means done, or 0 when unknown
   * @param terminal redraw one line (true) or print occasional plain lines (false)
   */
  public static ProgressBar on(PrintWriter err, String label, long total, Unit unit, boolean terminal) {
    return on(err, label, total, unit, terminal, System::nanoTime);
  }

  /** As {@link #on(PrintWriter, String, long, Unit, boolean)}, timed by {@code clock} (nanoseconds; tests pass a fake). */
  static ProgressBar on(PrintWriter err, String label, long total, Unit unit, boolean terminal, LongSupplier clock) {
    return err == null ? SILENT : new ProgressBar(err, label, total, 0, unit, terminal, clock);
  }

  /** A new bar on the same stream, unit and mode. */
  public ProgressBar next(String nextLabel, long nextTotal) {
    return next(nextLabel, nextTotal, 0);
  }

  /** A new bar that starts {@code alreadyDone} of the way (a resumed download); the rate counts only new progress. */
  public ProgressBar next(String nextLabel, long nextTotal, long alreadyDone) {
    return err == null ? SILENT : new ProgressBar(err, nextLabel, nextTotal, alreadyDone, unit, terminal, clock);
  }

  public synchronized void advance(long count) {
    if (err == null) {
      return;
    }
    done += count;
    long now = clock.getAsLong();
    boolean complete = total > 0 && done >= total;
    if (terminal) {
      if (now - lastDraw < REDRAW_INTERVAL_NANOS && !complete) {
        return;
      }
      err.print("\r" + barLine(now));
    } else {
      // The summary of finish() reports the end; in between, a line per quarter reached or per interval passed.
      long step = step(done);
      if (complete || (step <= lastStep && now - lastDraw < LINE_INTERVAL_NANOS)) {
        return;
      }
      lastStep = Math.max(lastStep, step);
      err.println(plainLine(now));
    }
    lastDraw = now;
    err.flush();
  }

  /** Draws the final state: a last redraw and a new line on a terminal, a summary line otherwise. */
  public synchronized void finish() {
    if (err == null) {
      return;
    }
    long now = clock.getAsLong();
    if (terminal) {
      err.println("\r" + barLine(now));
    } else {
      err.printf(Locale.ROOT, "%s%s in %.1f s (%s)%n", prefix(), unit.quantity(done), seconds(now), unit.rate(rate(now)));
    }
    err.flush();
  }

  /** The live bar: {@code label  [#####-----]   42%  2100/5000 texts  345.2 texts/s  ETA 8 s}. */
  String barLine(long now) {
    StringBuilder line = new StringBuilder(label);
    double rate = rate(now);
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * done / total);
      line.append("  [").append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("]  ")
          .append(String.format(Locale.ROOT, "%3d%%", percent())).append("  ")
          .append(unit.amount(done)).append('/').append(unit.amount(total));
    } else {
      line.append("  ").append(unit.amount(done));
    }
    if (!unit.bytes()) {
      line.append(' ').append(unit.noun());
    }
    line.append("  ").append(unit.rate(rate)).append(eta(rate, "  "));
    return line.append("  ").toString();
  }

  /** A plain line: {@code label: 42% 2100/5000 texts, 345.2 texts/s, ETA 8 s} (no percentage when the total is unknown). */
  String plainLine(long now) {
    double rate = rate(now);
    StringBuilder line = new StringBuilder(prefix());
    if (total > 0) {
      line.append(percent()).append("% ").append(unit.amount(done)).append('/').append(unit.amount(total));
      if (!unit.bytes()) {
        line.append(' ').append(unit.noun());
      }
    } else {
      line.append(unit.quantity(done));
    }
    return line.append(", ").append(unit.rate(rate)).append(eta(rate, ", ")).toString();
  }

  private String prefix() {
    return label.isEmpty() ? "" : label + ": ";
  }

  private long percent() {
    return 100 * Math.min(done, total) / total;
  }

  private long step(long amount) {
    return total > 0 ? LINE_STEPS * Math.min(amount, total) / total : 0;
  }

  private String eta(double rate, String separator) {
    return total > 0 && rate > 0 && done < total
        ? separator + String.format(Locale.ROOT, "ETA %d s", Math.round((total - done) / rate)) : "";
  }

  private double seconds(long now) {
    return Math.max((now - start) / 1e9, 1e-3);
  }

  private double rate(long now) {
    return (done - initial) / seconds(now);
  }
}
