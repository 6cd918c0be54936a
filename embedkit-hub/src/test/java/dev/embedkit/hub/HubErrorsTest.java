package dev.embedkit.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a pull can go wrong gives one line saying what and what to do, and leaves the cache consistent. */
class HubErrorsTest {
  static FakeHub hub;
  @TempDir Path dir;

  @BeforeAll
  static void startHub() throws Exception {
    hub = new FakeHub();
    Path pack = HubFixtures.packFolder();
    hub.repo("test-org/gated", HubFixtures.COMMIT, true)
        .add("onnx/model.onnx", pack.resolve("onnx/model.onnx")).add("tokenizer.json", pack.resolve("tokenizer.json"));
    hub.repo("test-org/pytorch-only", HubFixtures.COMMIT, false)
        .add("config.json", "{}").add("pytorch_model.bin", "weights").add("model.safetensors", "weights");
    hub.repo("test-org/variants-only", HubFixtures.COMMIT, false)
        .add("onnx/model_int8.onnx", "x").add("onnx/model_fp16.onnx", "x").add("tokenizer.json", "{}");
    hub.repo("test-org/huge", HubFixtures.COMMIT, false).addHuge("onnx/model.onnx", 1L << 60).add("tokenizer.json", "{}");
    hub.repo("test-org/tricky", HubFixtures.COMMIT, false).add("onnx/model.onnx", "x").add("tokenizer.json", "{}")
        .add("../../../escaped.json", "{}").add("1_Pooling/../../../../escaped2.json", "{}");
    hub.repo("test-org/bad-etag", HubFixtures.COMMIT, false).add("onnx/model.onnx", "x").etagOverride = "../../../../escaped";
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  private HubPuller puller(HubSettings settings) {
    return new HubPuller(settings, new java.io.PrintWriter(new java.io.StringWriter()));
  }

  private EmbedkitException fails(ErrorKind kind, Executable pull, String... mentions) {
    EmbedkitException e = assertThrows(EmbedkitException.class, pull);
    assertEquals(kind, e.kind(), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    for (String mention : mentions) {
      assertTrue(e.getMessage().contains(mention), "'" + mention + "' in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void unknownRepoIsNotFound() {
    fails(ErrorKind.NOT_FOUND, () -> puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse("test-org/nope")),
        "test-org/nope", "not found");
  }

  @Test
  void gatedRepoWithoutTokenSaysToSetHfToken() throws Exception {
    fails(ErrorKind.INVALID_INPUT, () -> puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse("test-org/gated")),
        "HF_TOKEN", "gated", "401");
    assertEquals(List.of(), HubPullTest.leftovers(dir.resolve("hf/hub")));
  }

  @Test
  void gatedRepoWithTokenIsPulledAndTheTokenIsSentAsBearer() {
    PulledModel model = puller(HubFixtures.settings(hub, dir).withToken(FakeHub.TOKEN)).pull(ModelRef.parse("test-org/gated"));
    assertTrue(Files.isRegularFile(model.folder().resolve("onnx/model.onnx")));
    assertTrue(hub.authorizations.contains("Bearer " + FakeHub.TOKEN));
  }

  @Test
  void gatedRepoWithAWrongTokenSaysTheTokenWasRefused() {
    fails(ErrorKind.INVALID_INPUT, () -> puller(HubFixtures.settings(hub, dir).withToken("hf_wrong"))
        .pull(ModelRef.parse("test-org/gated")), "refused the token in HF_TOKEN");
  }

  @Test
  void repoWithoutOnnxListsItsFilesAndAsksForAnExport() {
    fails(ErrorKind.UNSUPPORTED, () -> puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse("test-org/pytorch-only")),
        "no ONNX export", "pytorch_model.bin", "model.safetensors", "optimum-cli export onnx");
  }

  @Test
  void repoWithOnlyQuantisedExportsNamesTheVariantsToPickFrom() {
    fails(ErrorKind.NOT_FOUND, () -> puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse("test-org/variants-only")),
        "fp16, int8", "--variant");
  }

  @Test
  void unknownVariantListsTheAvailableOnes() {
    fails(ErrorKind.NOT_FOUND, () -> puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse("test-org/variants-only:q4")),
        "no variant 'q4'", "fp16, int8");
  }

  @Test
  void unknownRevisionIsNotFound() {
    fails(ErrorKind.NOT_FOUND, () -> puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse("test-org/gated@v9")),
        "revision 'v9' does not exist in test-org/gated");
  }

  @Test
  void unreachableHubSaysHowToUseAMirrorOrOfflineMode() {
    fails(ErrorKind.INTERNAL, () -> puller(HubFixtures.unreachable(dir)).pull(ModelRef.parse("test-org/gated")),
        "HF_ENDPOINT", "HF_HUB_OFFLINE=1");
  }

  @Test
  void notEnoughDiskSpaceIsReportedBeforeDownloading() throws Exception {
    fails(ErrorKind.INTERNAL, () -> puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse("test-org/huge")),
        "not enough disk space", "onnx/model.onnx", "HF_HOME");
    assertEquals(List.of(), HubPullTest.leftovers(dir.resolve("hf/hub")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "org/../../x", "/etc/passwd", "org\\name", "org/name/../../x", "org/na me",
      "org--x/y", "org/name@../../refs", "org/name@/abs", "org/name:../../x", "org/name@a\\b"})
  void pathTricksInIdsAreRejected(String id) {
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse(id)));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind(), e.getMessage());
    assertFalse(Files.exists(dir.resolve("hf")), "nothing written");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../evil.onnx", "/abs/model.onnx", "onnx\\model.onnx", "onnx/../../x.onnx"})
  void pathTricksInVariantsAreRejected(String variant) {
    fails(ErrorKind.INVALID_INPUT, () -> ModelRef.parse("test-org/tricky", variant), "not a safe relative file name");
  }

  @Test
  void unsafeFileNamesInTheListingAreNeverWritten() throws Exception {
    PulledModel model = puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse("test-org/tricky"));
    assertTrue(Files.isRegularFile(model.folder().resolve("onnx/model.onnx")));
    try (var walk = Files.walk(dir)) {
      assertTrue(walk.noneMatch(p -> p.getFileName().toString().startsWith("escaped")));
    }
  }

  @Test
  void anEtagThatIsNotAHashCannotNameABlob() throws Exception {
    fails(ErrorKind.MODEL, () -> puller(HubFixtures.settings(hub, dir)).pull(ModelRef.parse("test-org/bad-etag")),
        "ETag", "HF_ENDPOINT");
    try (var walk = Files.walk(dir)) {
      assertTrue(walk.noneMatch(p -> p.getFileName().toString().startsWith("escaped")));
    }
  }
}
