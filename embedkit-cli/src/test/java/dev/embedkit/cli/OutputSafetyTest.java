package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What {@code -o FILE} and stdout do with what is already there, and with failures. */
class OutputSafetyTest {
  @TempDir Path dir;

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void outputThroughASymbolicLinkReplacesTheTargetAndKeepsTheLink() throws IOException {
    Path target = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), target.getFileName());
    CliRun run = CliRun.of("embed", "x", "-o", link.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertTrue(Files.readString(target).startsWith("{\"model\""), "the target holds the output");
    assertEquals(List.of(link, target), listing(), "no temporary file left");
  }

  @Test
  @Timeout(120)
  void outputToAFifoIsWrittenThroughNotReplaced() throws Exception {
    Path fifo = dir.resolve("pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = Files.newInputStream(fifo)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    CliRun run = CliRun.of("embed", "--format", "jsonl", "x", "-o", fifo.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(reader.get(60, TimeUnit.SECONDS).startsWith("{\"index\":0,"));
    assertFalse(Files.isRegularFile(fifo), "still a FIFO");
    assertTrue(Files.exists(fifo));
    assertEquals(List.of(fifo), listing());
  }

  @Test
  void aNewOutputFileGetsTheUmasksModeAndAnExistingFileKeepsItsMode() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "umask").start();
    int umask = Integer.parseInt(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip(), 8);
    p.waitFor();
    Path fresh = dir.resolve("fresh.json");
    assertEquals(0, CliRun.of("embed", "x", "-o", fresh.toString()).exitCode());
    assertEquals(mode(0666 & ~umask), Files.getPosixFilePermissions(fresh), "umask " + Integer.toOctalString(umask));

    Path kept = Files.writeString(dir.resolve("kept.json"), "old");
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r-----"));
    assertEquals(0, CliRun.of("embed", "x", "-o", kept.toString()).exitCode());
    assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(kept));
    assertTrue(Files.readString(kept).startsWith("{\"model\""));
  }

  private static Set<PosixFilePermission> mode(int bits) {
    StringBuilder s = new StringBuilder();
    String rwx = "rwx";
    for (int i = 8; i >= 0; i--) {
      s.append((bits & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }

  @Test
  void aFolderOrAMissingFolderAsOutputIsAOneLineErrorAndLeavesNothing() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("out"));
    assertOneLineError(CliRun.of("embed", "x", "-o", folder.toString()), 2, "cannot write " + folder + ": it is a folder");
    assertEquals(List.of(folder), listing(), "no temporary file beside it");
    assertOneLineError(CliRun.of("embed", "x", "-o", "/nonexistent/dir/x.json"), 2,
        "cannot write /nonexistent/dir/x.json: folder /nonexistent/dir does not exist");
  }

  @Test
  void aFailedRunLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path kept = Files.writeString(dir.resolve("kept.jsonl"), "old");
    CliRun run = CliRun.of("embed", "--dimensions", "9999", "x", "-o", kept.toString());
    assertEquals(2, run.exitCode());
    assertEquals("old", Files.readString(kept));
    assertEquals(List.of(kept), listing());
  }

  /** An OutputStream that fails as a full disk does after {@code limit} bytes. */
  static final class FullDisk extends OutputStream {
    private final int limit;
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    FullDisk(int limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (written.size() + len > limit) {
        throw new IOException("No space left on device");
      }
      written.write(b, off, len);
    }
  }

  private static CliRun onFullDisk(int limit, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = EmbedkitCli.run(args, new FullDisk(limit), err);
    return new CliRun(code, new byte[0], err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFailedWriteToStdoutExitsOneWithOneLineForEveryCommandAndFormat() {
    List<String[]> commands = List.of(
        new String[] {"embed", "x"},
        new String[] {"embed", "--format", "jsonl", "x", "y"},
        new String[] {"embed", "--format", "csv", "x"},
        new String[] {"embed", "--format", "npy", "x"},
        new String[] {"similarity", "a", "b"},
        new String[] {"similarity", "--format", "json", "a", "b"},
        new String[] {"models", "list"},
        new String[] {"models", "list", "--format", "json"},
        new String[] {"--help"});
    for (String[] command : commands) {
      for (int limit : new int[] {0, 100}) {
        CliRun run = onFullDisk(limit, command);
        assertEquals(1, run.exitCode(), String.join(" ", command) + " (" + limit + " bytes fit): " + run.stderr());
        assertEquals("embedkit: cannot write to stdout: No space left on device", run.stderr().strip(),
            String.join(" ", command));
      }
    }
  }

  @Test
  void aFullDeviceAsStdoutFailsTheRealProcess() throws Exception {
    ChildCli run = ChildCli.run(Map.of(), new File("/dev/full"), "embed", "--format", "jsonl", "x");
    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals("embedkit: cannot write to stdout: No space left on device", run.stderr().strip());
  }

  @Test
  void interruptingARunDeletesItsTemporaryFile() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      lines.add("sentence number " + i + " of a long input that takes a while to embed");
    }
    Path input = Files.write(dir.resolve("big.txt"), lines);
    Path output = dir.resolve("out.jsonl");
    Process process = ChildCli.builder(Map.of(), List.of(), "embed", "-i", input.toString(), "-o", output.toString(),
        "--format", "jsonl").redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (temporaryFiles().isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertFalse(temporaryFiles().isEmpty(), "the run writes to a temporary file: " + Files.readString(dir.resolve("log.txt")));
      assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor());
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(130, process.exitValue());
      assertEquals(List.of(), temporaryFiles(), "Ctrl-C left a temporary file");
      assertFalse(Files.exists(output));
    } finally {
      process.destroyForcibly();
    }
  }

  private List<Path> temporaryFiles() throws IOException {
    return listing().stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
  }
}
