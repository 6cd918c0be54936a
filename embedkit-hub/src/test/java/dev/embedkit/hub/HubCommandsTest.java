package dev.embedkit.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.hub.cli.PullCommand;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.hub.cli.RmCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

    HubCatalog catalog = new HubCatalog(settings);
    HubCatalog.CachedModel cached = catalog.cached().get(0);
    assertEquals("test-org/minilm", cached.repo());
    assertTrue(cached.sizeBytes() > 90_000_000L);
    assertTrue(cached.hasOnnx());
    assertEquals("main=" + HubFixtures.COMMIT, cached.refs().get(0));

    // A folder under $EMBEDKIT_HOME/models whose manifest is unreadable must not hide the ones after it.
    Path overlays = settings.overlayDir();
    Files.createDirectories(overlays.resolve("a-broken"));
    Files.writeString(overlays.resolve("a-broken/embedkit-overlay.json"), "{not json");
    Files.createDirectories(overlays.resolve("b-minilm"));
    Files.writeString(overlays.resolve("b-minilm/embedkit-overlay.json"), "{\"repo\": \"test-org/minilm\"}");
    assertEquals(List.of("b-minilm"), catalog.cached().get(0).folders());

    Run rm = run(new RmCommand(() -> settings), "test-org/minilm");
    assertEquals(0, rm.exitCode(), rm.err());
    Path repoDir = settings.cacheDir().resolve("models--test-org--minilm");
    assertEquals("removed test-org/minilm from the Hugging Face cache (1 snapshot, 8 blob files, "
        + dev.embedkit.progress.ByteSize.human(cached.sizeBytes()) + " at " + repoDir + ") and its model folder "
        + overlays.resolve("b-minilm"), rm.out().trim());
    assertFalse(Files.exists(repoDir));
    assertFalse(Files.exists(overlays.resolve("b-minilm")));
    assertTrue(Files.exists(overlays.resolve("a-broken")), "not the repo's: kept");
    assertTrue(catalog.cached().isEmpty());
  }

  @Test
  void pullPrintsPlainProgressLinesWhenStderrIsNotATerminal() {
    // The settings a plain 'embedkit models pull' gets (surefire's stderr is a pipe), pointed at the fake hub.
    Properties props = new Properties();
    props.setProperty("embedkit.hub.endpoint", hub.endpoint());
    HubSettings settings = HubSettings.from(Map.of("HF_HOME", dir.resolve("hf").toString()), props);
    Run pull = run(new PullCommand(() -> settings), "test-org/minilm");
    assertEquals(0, pull.exitCode(), pull.err());
    assertTrue(pull.err().lines().anyMatch(l -> l.matches("onnx/model\\.onnx: 90\\.4 MB in \\d+\\.\\d s \\(.+/s\\)")),
        "a summary line per file: " + pull.err());
    assertTrue(pull.err().lines().anyMatch(l -> l.startsWith("tokenizer.json: ")), pull.err());
    assertFalse(pull.err().contains("\r"), "no live redraws in a log: " + pull.err());
  }

  @Test
  void pullingAnAliasOfABuiltInPackSaysItIsThePackNotAHubModel() {
    int hubRequests = hub.cdnRequests.size();
    Run pull = run(new PullCommand(() -> HubFixtures.settings(hub, dir)), "all-minilm");
    assertEquals(0, pull.exitCode(), pull.err());
    assertEquals("all-minilm: built-in pack all-minilm-l6-v2 (sentence-transformers/all-MiniLM-L6-v2, from "
        + BuiltinPack.ALL_MINILM_L6_V2.coordinates() + "), 90.4 MB; nothing downloaded from the hub",
        pull.out().lines().findFirst().orElseThrow());
    assertEquals(hubRequests, hub.cdnRequests.size(), "nothing downloaded from the hub");
  }

  @Test
  void remoteCatalogListsAliasesWithApproximateSizes() {
    List<HubCatalog.RemoteModel> remote = new HubCatalog(HubFixtures.settings(hub, dir)).remote();
    assertEquals(Alias.values().length, remote.size());
    assertEquals("nomic-ai/nomic-embed-text-v1.5", remote.get(2).repo());
    assertEquals(768, remote.get(2).dimensions());
    assertTrue(remote.get(1).approxDownloadBytes() > 1_000_000_000L, "mxbai-embed-large is over a gigabyte");
  }

  @Test
  void removingSomethingNotCachedFailsWithWhatCanBeRemoved() {
    HubSettings settings = HubFixtures.settings(hub, dir);
    StringWriter err = new StringWriter();
    CommandLine cli = rm(settings, err);
    assertEquals(2, cli.execute("test-org/not-here"));
    assertTrue(err.toString().startsWith("test-org/not-here is not in the Hugging Face cache; what can be removed: hub models none"
        + " (Hugging Face cache at " + settings.cacheDir() + "); extracted built-in packs "), err.toString());
  }

  @Test
  void removingAVariantOrRevisionIsRefusedRatherThanRemovingTheWholeModel() {
    HubSettings settings = HubFixtures.settings(hub, dir);
    StringWriter err = new StringWriter();
    CommandLine cli = rm(settings, err);
    assertEquals(2, cli.execute("mxbai-embed-large:quantized"));
    assertTrue(err.toString().startsWith("models rm removes a whole model: give 'mxbai-embed-large' without the revision or"
        + " variant in 'mxbai-embed-large:quantized'"), err.toString());
    assertEquals(2, cli.execute("test-org/tiny@v1"));
  }

  /** {@code models rm} with its errors printed as the CLI prints them, and their exit codes. */
  private static CommandLine rm(HubSettings settings, StringWriter err) {
    CommandLine cli = new CommandLine(new RmCommand(() -> settings));
    cli.setErr(new PrintWriter(err));
    cli.setExecutionExceptionHandler((e, c, p) -> {
      c.getErr().println(e.getMessage());
      return ((dev.embedkit.EmbedkitException) e).kind().exitCode();
    });
    return cli;
  }
}
