package dev.embedkit.eval.embed;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr: {@code embedding corpus  [########------------]  2048/5183  41 s}. Redraws at
 * most every {@link #REDRAW_MILLIS} ms, and once more when done. {@link #SILENT} draws nothing.
 */
public final class ProgressBar {
  static final int WIDTH = 24;
  static final long REDRAW_MILLIS = 250;
  public static final ProgressBar SILENT = new ProgressBar(null, "", 0);

  private final PrintWriter err;
  private final String label;
  private final int total;
  private final long start = System.nanoTime();
  private long lastDraw;
  private int done;

  private ProgressBar(PrintWriter err, String label, int total) {
    this.err = err;
    this.label = label;
    this.total = total;
  }

  public static ProgressBar on(PrintWriter err, String label, int total) {
    return err == null ? SILENT : new ProgressBar(err, label, total);
  }

  /** A new bar on the same stream. */
  public ProgressBar next(String nextLabel, int nextTotal) {
    return err == null ? SILENT : new ProgressBar(err, nextLabel, nextTotal);
  }

  public synchronized void advance(int count) {
    done += count;
    long now = System.currentTimeMillis();
    if (err != null && (now - lastDraw >= REDRAW_MILLIS || done >= total)) {
      lastDraw = now;
      draw();
    }
  }

  public synchronized void finish() {
    if (err != null) {
      done = total;
      draw();
      err.println();
      err.flush();
    }
  }

  private void draw() {
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * Math.min(done, total) / total);
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    err.print("\r" + label + "  [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]  " + done + "/" + total + "  "
        + seconds + " s");
    err.flush();
  }
}
