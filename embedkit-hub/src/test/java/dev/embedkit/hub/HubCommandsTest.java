package dev.embedkit.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.hub.cli.ListCommand;
import dev.embedkit.hub.cli.PullCommand;
import dev.embedkit.hub.cli.RmCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HubCommandsTest {
  static FakeHub hub;
  @TempDir Path dir;

  @BeforeAll
  static void startHub() throws Exception {
    hub = new FakeHub();
    hub.repoFromPack("test-org/minilm", HubFixtures.COMMIT, HubFixtures.packFolder());
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  record Run(int exitCode, String out, String err) {}

  private Run run(Callable<Integer> command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void pullListAndRemoveAModel() throws Exception {
    HubSettings settings = HubFixtures.settings(hub, dir);
    Run pull = run(new PullCommand(() -> settings), "test-org/minilm", "--progress");
    assertEquals(0, pull.exitCode(), pull.err());
    assertTrue(pull.out().contains("test-org/minilm @ " + HubFixtures.COMMIT), pull.out());
    assertTrue(pull.out().contains(settings.cacheDir().resolve("models--test-org--minilm/snapshots").toString()), pull.out());
    assertTrue(pull.err().contains("onnx/model.onnx") && pull.err().contains("100%"), "progress bar drawn when asked: " + pull.err());

    Run list = run(new ListCommand(() -> settings));
    assertTrue(list.out().matches("(?s).*test-org/minilm +9\\d\\.\\d MB +yes +main=" + HubFixtures.COMMIT + ".*"), list.out());

    JsonNode json = new ObjectMapper().readTree(run(new ListCommand(() -> settings), "--format", "json").out());
    assertEquals("test-org/minilm", json.get(0).get("repo").asText());
    assertTrue(json.get(0).get("sizeBytes").asLong() > 90_000_000L);
    assertEquals("main=" + HubFixtures.COMMIT, json.get(0).get("refs").get(0).asText());

    Run rm = run(new RmCommand(() -> settings), "test-org/minilm");
    assertEquals(0, rm.exitCode(), rm.err());
    assertTrue(rm.out().matches("removed test-org/minilm \\(9\\d\\.\\d MB\\)\\s*"), rm.out());
    assertFalse(Files.exists(settings.cacheDir().resolve("models--test-org--minilm")));
    assertEquals("[ ]", run(new ListCommand(() -> settings), "--format", "json").out().trim());
  }

  @Test
  void remoteListShowsAliasesWithApproximateSizes() throws Exception {
    HubSettings settings = HubFixtures.settings(hub, dir);
    Run table = run(new ListCommand(() -> settings), "--remote");
    assertTrue(table.out().contains("mxbai-embed-large") && table.out().contains("~1.3 GB"), table.out());
    JsonNode json = new ObjectMapper().readTree(run(new ListCommand(() -> settings), "--remote", "--format", "json").out());
    assertEquals(Alias.values().length, json.size());
    assertEquals("nomic-ai/nomic-embed-text-v1.5", json.get(2).get("repo").asText());
    assertEquals(768, json.get(2).get("dimensions").asInt());
  }

  @Test
  void removingSomethingNotCachedFailsWithTheCachedNames() {
    HubSettings settings = HubFixtures.settings(hub, dir);
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RmCommand(() -> settings));
    cli.setErr(new PrintWriter(err));
    cli.setExecutionExceptionHandler((e, c, p) -> {
      c.getErr().println(e.getMessage());
      return 2;
    });
    assertEquals(2, cli.execute("test-org/not-here"));
    assertTrue(err.toString().contains("test-org/not-here is not cached"), err.toString());
  }
}
