package dev.embedkit.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * stdout as the CLI writes it: every write's failure is kept (a full disk, a closed pipe), so that the run ends with
 * exit 1 and one line instead of 0 with a cut-off output. {@link java.io.PrintStream} and {@link java.io.PrintWriter}
 * hide such errors; this stream rethrows them as {@link Failure} and remembers the first for the writers that hide it.
 */
final class CheckedOutputStream extends FilterOutputStream {
  /** A failed write to stdout (so handlers can tell it from a failure to write a named file). */
  static final class Failure extends IOException {
    Failure(IOException cause) {
      super(cause.getMessage(), cause);
    }

    boolean brokenPipe() {
      return getMessage() != null && getMessage().toLowerCase(java.util.Locale.ROOT).contains("broken pipe");
    }
  }

  private volatile Failure failure;

  CheckedOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    check();
    try {
      out.write(b);
    } catch (IOException e) {
      throw fail(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    check();
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw fail(e);
    }
  }

  @Override
  public void flush() throws IOException {
    check();
    try {
      out.flush();
    } catch (IOException e) {
      throw fail(e);
    }
  }

  @Override
  public void close() throws IOException {
    flush();
  }

  /** The first failed write, or null. */
  Failure failure() {
    return failure;
  }

  private void check() throws Failure {
    if (failure != null) {
      throw failure;
    }
  }

  private Failure fail(IOException e) {
    Failure f = e instanceof Failure already ? already : new Failure(e);
    if (failure == null) {
      failure = f;
    }
    return f;
  }
}
