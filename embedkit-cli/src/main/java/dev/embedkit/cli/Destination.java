package dev.embedkit.cli;

import dev.embedkit.io.OutputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where a command writes its result: a file ({@link OutputFile}: renamed into place only when the run succeeds, so a
 * failed or interrupted run leaves what was there before and no temporary file), or stdout.
 */
final class Destination implements AutoCloseable {
  private final OutputFile file;
  private final OutputStream stream;

  private Destination(OutputFile file, OutputStream stream) {
    this.file = file;
    this.stream = stream;
  }

  static Destination open(Path output, OutputStream stdout) {
    if (output == null || output.toString().equals("-")) {
      return new Destination(null, new NonClosingOutputStream(stdout));
    }
    OutputFile file = OutputFile.open(output);
    return new Destination(file, file.stream());
  }

  OutputStream stream() {
    return stream;
  }

  boolean isStdout() {
    return file == null;
  }

  /** Makes the output final: renames a file into place, flushes stdout. */
  void commit() throws IOException {
    stream.flush();
    if (file != null) {
      file.commit();
    }
  }

  /** Without a commit, a file output is discarded. */
  @Override
  public void close() {
    if (file != null) {
      file.close();
    }
  }
}
