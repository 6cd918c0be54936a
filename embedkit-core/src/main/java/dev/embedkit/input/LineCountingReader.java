package dev.embedkit.input;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Knows the line of any character position at or after the earliest one still asked about, in bounded memory: it
 * keeps the positions of line breaks read but not yet passed (at most a read-ahead buffer's worth). A parser that
 * reports where a record starts (commons-csv's character position) gets the record's line even when blank lines and
 * quoted line breaks come before it. A leading byte order mark is dropped.
 */
final class LineCountingReader extends FilterReader {
  /** Positions of '\n' not yet passed; a negative value marks one preceded by '\r' (stored as -position - 1). */
  private final ArrayDeque<Long> breaks = new ArrayDeque<>();
  private boolean afterReturn;
  private long position;
  private long passedBreaks;
  private boolean started;

  LineCountingReader(Reader in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0];
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    int n = in.read(cbuf, off, len);
    if (n > 0 && !started) {
      started = true;
      if (cbuf[off] == '\uFEFF') {
        System.arraycopy(cbuf, off + 1, cbuf, off, n - 1);
        n--;
        if (n == 0) {
          return read(cbuf, off, len);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      char c = cbuf[off + i];
      if (c == '\n') {
        breaks.add(afterReturn ? -position - 1 : position);
      }
      afterReturn = c == '\r';
      position++;
    }
    return n;
  }

  /**
   * The 1-based line of a record that the parser says starts at {@code characterPosition}; positions must not go
   * backwards between calls. Blank lines at that position are passed over: commons-csv reports a record's position
   * from before the empty lines it skipped.
   */
  long lineOf(long characterPosition) {
    long cursor = characterPosition;
    while (!breaks.isEmpty()) {
      long encoded = breaks.peekFirst();
      long at = encoded < 0 ? -encoded - 1 : encoded;
      boolean blankHere = at == cursor || encoded < 0 && at == cursor + 1;
      if (at >= cursor && !blankHere) {
        break;
      }
      breaks.pollFirst();
      passedBreaks++;
      if (blankHere) {
        cursor = at + 1;
      }
    }
    return passedBreaks + 1;
  }
}
