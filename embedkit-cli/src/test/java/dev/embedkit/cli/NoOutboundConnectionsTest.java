package dev.embedkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing connects anywhere the user did not ask for: loading models, embedding texts and images, comparing,
 * evaluating and listing models open no connection (DJL's tokenizer library used to probe the EC2 metadata address
 * 169.254.169.254 on every run); pulling from a hub connects to that hub only. Checked twice: inside the JVM (a
 * recording proxy selector and security manager) and from outside it, with strace recording the process's connect
 * and sendto system calls, which native code (ONNX Runtime, the tokenizer) cannot bypass.
 */
class NoOutboundConnectionsTest {
  @TempDir static Path dir;
  static Path stsData;
  static Path tinyClip;
  static final Pattern INET = Pattern.compile("\\b(connect|sendto|sendmsg)\\(.*sa_family=AF_INET6?,");

  @BeforeAll
  static void data() throws IOException {
    List<String> rows = new ArrayList<>();
    String[][] pairs = {{"A man is playing a guitar.", "A man plays the guitar.", "4.8"},
        {"A woman is slicing an onion.", "A woman is cutting an onion.", "4.6"},
        {"A dog runs in the park.", "A cat sleeps on the sofa.", "0.6"},
        {"The stock market fell today.", "A child is reading a book.", "0.0"},
        {"Two men are playing chess.", "Two people play a board game.", "3.4"}};
    for (String[] p : pairs) {
      rows.add("\"" + p[0] + "\",\"" + p[1] + "\"," + p[2]);
    }
    stsData = Files.write(dir.resolve("sts.csv"), rows);
    tinyClip = dir.resolve("tiny-clip");
    try (Stream<Path> files = Files.walk(ImageCliTest.TINY_CLIP)) {
      for (Path file : files.toList()) {
        Path target = tinyClip.resolve(ImageCliTest.TINY_CLIP.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Files.copy(PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2).resolve("tokenizer.json"),
        tinyClip.resolve("tokenizer.json"));
  }

  /** The commands a user runs offline. */
  static List<String[]> offlineCommands() {
    List<String[]> commands = new ArrayList<>();
    commands.add(new String[] {"embed", "The weather is lovely today."});
    commands.add(new String[] {"similarity", "--quantize", "int8", "a", "b"});
    commands.add(new String[] {"eval", "sts", "--data", stsData.toString(), "--no-cache", "-q"});
    commands.add(new String[] {"models", "list"});
    commands.add(new String[] {"models", "info", "bge-small-en-v1.5"});
    if (Files.isDirectory(ImageCliTest.IMAGES)) {
      commands.add(new String[] {"embed", "--model", tinyClip.toString(), "--image", ImageCliTest.image("chelsea.png")});
    }
    return commands;
  }

  private static List<String> recorded(Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile(dir, "connections", ".txt");
    ProcessBuilder builder = ChildCli.builder(env, List.of("-Drecord.connections=" + log, "-Djava.security.manager=allow"), args);
    List<String> command = new ArrayList<>(builder.command());
    command.set(command.indexOf(EmbedkitCli.class.getName()), RecordConnections.class.getName());
    builder.command(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    Process process = builder.start();
    assertTrue(process.waitFor(ChildCli.TIMEOUT_SECONDS, TimeUnit.SECONDS), String.join(" ", args));
    List<String> lines = Files.readAllLines(log);
    assertFalse(lines.isEmpty(), "the recorder ran: " + Files.readString(dir.resolve("out.txt")));
    return lines.stream().filter(l -> !l.startsWith("(")).toList();
  }

  @Test
  void offlineCommandsReachForNoAddressInsideTheJvm() throws Exception {
    for (String[] command : offlineCommands()) {
      assertEquals(List.of(), recorded(Map.of(), command), String.join(" ", command));
    }
  }

  @Test
  void theLibraryAloneReachesForNoAddress() throws Exception {
    assertEquals(List.of(), recorded(Map.of(), "--library", "all-minilm-l6-v2"));
    assertEquals(List.of(), recorded(Map.of(), "--library", tinyClip.toString()));
  }

  @Test
  void offlineCommandsMakeNoInternetSystemCalls() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "needs strace (.ci/run installs it) to watch system calls");
    for (String[] args : offlineCommands()) {
      List<String> calls = straced(args);
      assertEquals(List.of(), calls.stream().filter(l -> INET.matcher(l).find()).toList(), String.join(" ", args));
    }
  }

  @Test
  void aServerAnsweringRequestsMakesNoInternetSystemCallsAndStopsOnSigterm() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "needs strace (.ci/run installs it) to watch system calls");
    Path trace = Files.createTempFile(dir, "strace-serve", ".txt");
    Path output = dir.resolve("serve-out.txt");
    List<String> command = new ArrayList<>(List.of("/usr/bin/strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", trace.toString()));
    command.addAll(ChildCli.command(List.of(), "serve", "--port", "0"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    Process strace = builder.start();
    try {
      Matcher listening = Pattern.compile("serving .* on (http://127\\.0\\.0\\.1:\\d+)").matcher("");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildCli.TIMEOUT_SECONDS);
      while (!listening.reset(Files.readString(output)).find()) {
        String sofar = Files.readString(output);
        Assumptions.assumeFalse(sofar.contains("Operation not permitted") && sofar.contains("ptrace"),
            "strace may not trace processes in this sandbox: " + sofar);
        assertTrue(strace.isAlive() && System.nanoTime() < deadline, "the server did not start: " + sofar);
        Thread.sleep(50);
      }
      java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(listening.group(1) + "/v1/embeddings"))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"input\": \"The weather is lovely today.\"}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      ProcessHandle java = strace.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst().orElseThrow();
      assertTrue(java.destroy(), "SIGTERM sent"); // ProcessHandle.destroy is SIGTERM
      assertTrue(strace.waitFor(60, TimeUnit.SECONDS), "the server stopped after SIGTERM");
      assertEquals(0, strace.exitValue(), "a SIGTERM stop exits 0: " + Files.readString(output));
      assertTrue(Files.readString(output).contains("embedkit: stopped"));
    } finally {
      strace.destroyForcibly();
    }
    List<String> calls = Files.readAllLines(trace).stream().filter(l -> INET.matcher(l).find()).toList();
    assertEquals(List.of(), calls, "the server connected somewhere");
  }

  private static List<String> straced(String... args) throws Exception {
    Path trace = Files.createTempFile(dir, "strace", ".txt");
    List<String> command = new ArrayList<>(List.of("/usr/bin/strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", trace.toString()));
    command.addAll(ChildCli.command(List.of(), args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("strace-out.txt").toFile());
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    Process process = builder.start();
    assertTrue(process.waitFor(ChildCli.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    String output = Files.readString(dir.resolve("strace-out.txt"));
    Assumptions.assumeFalse(output.contains("Operation not permitted") && output.contains("ptrace"),
        "strace may not trace processes in this sandbox: " + output);
    assertEquals(0, process.exitValue(), String.join(" ", args) + ": " + output);
    return Files.readAllLines(trace);
  }

  @Test
  void aHubPullConnectsToThatHubOnly() throws Exception {
    HttpServer hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hub.createContext("/", exchange -> {
      byte[] body = "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    hub.start();
    try {
      int port = hub.getAddress().getPort();
      String endpoint = "http://127.0.0.1:" + port;
      List<String> seen = recorded(Map.of("HF_ENDPOINT", endpoint, "HF_HOME", dir.resolve("hf").toString()),
          "models", "pull", "test-org/absent-model");
      assertFalse(seen.isEmpty(), "the pull reached for the hub");
      for (String line : seen) {
        Matcher m = Pattern.compile("(?:url http://127\\.0\\.0\\.1:(\\d+)/.*|connect (?:127\\.0\\.0\\.1|localhost):(\\d+)|lookup 127\\.0\\.0\\.1)").matcher(line);
        assertTrue(m.matches() && (m.group(1) == null || m.group(1).equals(String.valueOf(port)))
            && (m.group(2) == null || m.group(2).equals(String.valueOf(port))), "only the hub it was given: " + line);
      }
    } finally {
      hub.stop(0);
    }
  }
}
