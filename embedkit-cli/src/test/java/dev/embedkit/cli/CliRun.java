package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** One run of the real CLI in this JVM, with its exit code and both streams. */
record CliRun(int exitCode, byte[] stdoutBytes, String stderr) {
  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = EmbedkitCli.run(args, out, err);
    return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  String stdout() {
    return new String(stdoutBytes, StandardCharsets.UTF_8);
  }

  JsonNode json() throws IOException {
    return new ObjectMapper().readTree(stdoutBytes);
  }
}
