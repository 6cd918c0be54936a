package dev.embedkit.server;

import dev.embedkit.server.cli.ServeCommand;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code embedkit serve} in a child JVM (this module has no launcher of its own: the CLI module's {@code embedkit}
 * runs the same {@link ServeCommand}), for what only a separate process shows: a kill -9.
 */
final class ServeChild {
  private ServeChild() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new ServeCommand()).execute(args));
  }

  /** Starts {@code serve ARGS} with this test's class path and model cache; its output goes to {@code log}. */
  static Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dembedkit.home=" + System.getProperty("embedkit.home"));
    command.add("-Dembedkit.hub.cache=" + System.getProperty("embedkit.hub.cache"));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServeChild.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    return builder.start();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
