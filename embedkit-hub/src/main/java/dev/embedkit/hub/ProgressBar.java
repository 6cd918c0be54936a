package dev.embedkit.hub;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line download progress bar on stderr, redrawn at most ten times a second. Drawn only when enabled (stderr
 * looks like a terminal, or the user asked), so logs and pipes stay clean.
 */
final class ProgressBar {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 24;

  private final PrintStream out;
  private final boolean enabled;
  private String label = "";
  private long total;
  private long done;
  private long initial;
  private long started;
  private long lastDraw;

  ProgressBar(PrintStream out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  void start(String label, long total, long initial) {
    this.label = label.length() > 32 ? "..." + label.substring(label.length() - 29) : label;
    this.total = total;
    this.done = initial;
    this.initial = initial;
    this.started = System.nanoTime();
    this.lastDraw = 0;
    draw(true);
  }

  void advance(long bytes) {
    done += bytes;
    draw(false);
  }

  void finish() {
    draw(true);
    if (enabled) {
      out.println();
      out.flush();
    }
  }

  private void draw(boolean force) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (!force && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double seconds = Math.max((now - started) / 1e9, 1e-3);
    String rate = human((long) ((done - initial) / seconds)) + "/s";
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * done / total);
      out.printf(Locale.ROOT, "\r%-32s [%s%s] %3d%% %s/%s %s   ", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
          100 * done / total, human(done), human(total), rate);
    } else {
      out.printf(Locale.ROOT, "\r%-32s %s %s   ", label, human(done), rate);
    }
    out.flush();
  }

  /** Bytes in the units people read: "90.4 MB". */
  static String human(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
