package dev.embedkit.progress;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How a long operation shows progress on stderr: a live bar redrawn in place on a terminal, occasional plain lines
 * where stderr is a file or a pipe (logs, CI), or nothing. Every command that draws a {@link ProgressBar} picks its
 * mode here, so embedding, evaluation and downloads behave the same.
 *
 * <pre>{@code
 * ProgressBar bar = ProgressMode.forStderr().bar(err, "embedded", texts.size(), ProgressBar.Unit.of("texts"));
 * }</pre>
 */
public enum ProgressMode {
  /** Redraw one line in place (a terminal). */
  LIVE,
  /** A plain line now and then (every 10 s and at each quarter), then a summary: readable in a log. */
  LINES,
  /** Draw nothing. */
  OFF;

  /**
   * Set by bin/embedkit from the shell's {@code [ -t 2 ]}: whether stderr itself is a terminal, which Java cannot
   * tell ({@link System#console()} looks at stdin and stdout).
   */
  public static final String STDERR_TERMINAL_PROPERTY = "embedkit.stderr.terminal";

  /** A bar in this mode on {@code err} ({@link ProgressBar#SILENT} when OFF). */
  public ProgressBar bar(PrintWriter err, String label, long total, ProgressBar.Unit unit) {
    return this == OFF ? ProgressBar.SILENT : ProgressBar.on(err, label, total, unit, this == LIVE);
  }

  /** The mode for this process's stderr: LIVE on a terminal, LINES otherwise. */
  public static ProgressMode forStderr() {
    return forStderr(System.getProperties(), System.getenv(), consoleIsTerminal());
  }

  /** An explicit choice ({@code --progress}: LIVE, {@code --no-progress}: OFF), else {@link #forStderr()}. */
  public static ProgressMode requested(Boolean progress) {
    return progress == null ? forStderr() : progress ? LIVE : OFF;
  }

  static ProgressMode forStderr(Properties props, Map<String, String> env, boolean consoleIsTerminal) {
    if ("dumb".equals(env.get("TERM"))) {
      return LINES; // cannot redraw a line in place
    }
    String told = props.getProperty(STDERR_TERMINAL_PROPERTY);
    boolean terminal = told != null && !told.isBlank() ? Boolean.parseBoolean(told.trim().toLowerCase(Locale.ROOT)) : consoleIsTerminal;
    return terminal ? LIVE : LINES;
  }

  /**
   * Whether the JVM has an interactive console. Up to JDK 21 a console exists only then; from JDK 22 one always exists
   * and {@code Console.isTerminal()} (called by reflection: this code compiles for release 17) tells.
   */
  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
