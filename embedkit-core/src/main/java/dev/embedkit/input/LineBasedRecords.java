package dev.embedkit.input;

/** Records read a line at a time (plain lines, JSON Lines): they arrive as their lines do. */
abstract class LineBasedRecords implements RecordReader {
  final LineReader lines;

  LineBasedRecords(LineReader lines) {
    this.lines = lines;
  }

  @Override
  public boolean ready() {
    return lines.ready();
  }

  @Override
  public String source() {
    return lines.source();
  }

  @Override
  public void close() {
    lines.close();
  }
}
