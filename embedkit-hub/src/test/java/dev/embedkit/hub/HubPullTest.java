package dev.embedkit.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.model.BuiltinPack;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubPullTest {
  static final String REPO = "test-org/minilm";
  static FakeHub hub;
  static Path pack;
  static String onnxSha;

  @TempDir Path dir;

  @BeforeAll
  static void startHub() throws Exception {
    hub = new FakeHub();
    pack = HubFixtures.packFolder();
    hub.repoFromPack(REPO, HubFixtures.COMMIT, pack)
        .add("onnx/model_quantized.onnx", HubFixtures.int8PackFolder().resolve("onnx/model.onnx"));
    onnxSha = hub.sha256(pack.resolve("onnx/model.onnx"));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  private HubPuller puller() {
    return new HubPuller(HubFixtures.settings(hub, dir), new java.io.PrintWriter(new java.io.StringWriter()));
  }

  @Test
  void pulledModelGivesExactlyTheVectorsOfTheBuiltInPack() {
    PulledModel model = puller().pull(ModelRef.parse(REPO));
    List<float[]> pulled = HubFixtures.vectors(REPO, model.folder());
    List<float[]> builtin = HubFixtures.packVectors(BuiltinPack.ALL_MINILM_L6_V2);
    for (int i = 0; i < builtin.size(); i++) {
      assertArrayEquals(builtin.get(i), pulled.get(i), 0f, "sentence " + i);
    }
  }

  @Test
  void cacheUsesTheHuggingFaceLayout() throws Exception {
    PulledModel model = puller().pull(ModelRef.parse(REPO));
    Path repoDir = dir.resolve("hf/hub/models--test-org--minilm");
    assertEquals(HubFixtures.COMMIT, Files.readString(repoDir.resolve("refs/main")));
    Path snapshot = repoDir.resolve("snapshots/" + HubFixtures.COMMIT);
    assertEquals(snapshot, model.folder(), "a default pull loads straight from the snapshot");
    // LFS file: blob named by sha256, linked relatively from the snapshot.
    Path onnxLink = snapshot.resolve("onnx/model.onnx");
    assertTrue(Files.isSymbolicLink(onnxLink));
    assertEquals(Path.of("../../../blobs/" + onnxSha), Files.readSymbolicLink(onnxLink));
    // Git file: blob named by the git blob sha1 of its content.
    byte[] tokenizer = Files.readAllBytes(pack.resolve("tokenizer.json"));
    assertEquals(Path.of("../../blobs/" + FakeHub.gitSha1Bytes(tokenizer)), Files.readSymbolicLink(snapshot.resolve("tokenizer.json")));
    assertTrue(Files.isRegularFile(snapshot.resolve("1_Pooling/config.json")));
    // Only what the model needs: no README, PyTorch weights or other ONNX variants.
    assertFalse(Files.exists(snapshot.resolve("README.md")));
    assertFalse(Files.exists(snapshot.resolve("pytorch_model.bin")));
    assertFalse(Files.exists(snapshot.resolve("onnx/model_quantized.onnx")));
    try (var blobs = Files.list(repoDir.resolve("blobs"))) {
      assertTrue(blobs.noneMatch(p -> p.toString().endsWith(".incomplete")));
    }
  }

  @Test
  void secondPullDownloadsNothing() {
    HubPuller puller = puller();
    assertTrue(puller.pull(ModelRef.parse(REPO)).downloadedBytes() > 90_000_000L);
    assertEquals(0, puller.pull(ModelRef.parse(REPO)).downloadedBytes());
  }

  @Test
  void interruptedDownloadResumesWithARangeRequest() throws Exception {
    long cut = 10L << 20;
    hub.cutNextAfter.set(cut);
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> puller().pull(ModelRef.parse(REPO)));
    assertTrue(e.getMessage().contains("run the same command again to resume"), e.getMessage());
    Path blobs = dir.resolve("hf/hub/models--test-org--minilm/blobs");
    Path incomplete = blobs.resolve(onnxSha + ".incomplete");
    assertTrue(Files.size(incomplete) >= cut - (1 << 16) && Files.size(incomplete) <= cut, "kept the partial bytes");
    assertFalse(Files.exists(blobs.resolve(onnxSha)), "no blob until it is complete");
    assertFalse(Files.exists(dir.resolve("hf/hub/models--test-org--minilm/refs/main")), "no ref to a half snapshot");

    long partial = Files.size(incomplete);
    PulledModel model = puller().pull(ModelRef.parse(REPO));
    assertTrue(hub.cdnRequests.contains(onnxSha + " bytes=" + partial + "-"), "resumed at byte " + partial + ": " + hub.cdnRequests);
    assertTrue(model.downloadedBytes() < Files.size(pack.resolve("onnx/model.onnx")),
        "the second run fetched only the rest: " + model.downloadedBytes() + " bytes");
    assertEquals(onnxSha, BlobDownloader.digest(blobs.resolve(onnxSha), "SHA-256", null));
    assertFalse(Files.exists(incomplete));
  }

  @Test
  void corruptedBlobIsDetectedByChecksumAndFetchedAgain() throws Exception {
    HubPuller puller = puller();
    puller.pull(ModelRef.parse(REPO));
    Path blob = dir.resolve("hf/hub/models--test-org--minilm/blobs/" + onnxSha);
    try (RandomAccessFile file = new RandomAccessFile(blob.toFile(), "rw")) {
      file.seek(1234);
      int b = file.read();
      file.seek(1234);
      file.write(b ^ 0xff); // same size, different bytes
    }
    PulledModel again = puller.pull(ModelRef.parse(REPO));
    assertTrue(again.downloadedBytes() >= Files.size(blob), "fetched the corrupt blob again");
    assertEquals(onnxSha, BlobDownloader.digest(blob, "SHA-256", null));
  }

  @Test
  void concurrentPullsOfTheSameModelEndConsistent() throws Exception {
    int before = (int) hub.cdnRequestsFor(onnxSha);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<PulledModel>> pulls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        pulls.add(pool.submit(() -> puller().pull(ModelRef.parse(REPO))));
      }
      for (Future<PulledModel> pull : pulls) {
        assertEquals(HubFixtures.COMMIT, pull.get().commit());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, hub.cdnRequestsFor(onnxSha) - before, "the big blob was downloaded once");
    Path blob = dir.resolve("hf/hub/models--test-org--minilm/blobs/" + onnxSha);
    assertEquals(onnxSha, BlobDownloader.digest(blob, "SHA-256", null));
    assertEquals(List.of(), leftovers(dir.resolve("hf/hub")));
  }

  @Test
  void variantIsLinkedAsModelOnnxInAnOverlayAndMatchesTheInt8Pack() throws Exception {
    HubPuller puller = puller();
    puller.pull(ModelRef.parse(REPO)); // the default graph is cached too: the overlay must not pick it
    PulledModel model = puller.pull(ModelRef.parse(REPO, "quantized"));
    assertEquals(dir.resolve("embedkit/models/test-org--minilm--quantized").toAbsolutePath(), model.folder());
    Path onnx = model.folder().resolve("onnx/model.onnx");
    assertTrue(Files.isSymbolicLink(onnx));
    assertTrue(Files.readSymbolicLink(onnx).toString().endsWith("snapshots/" + HubFixtures.COMMIT + "/onnx/model_quantized.onnx"));
    assertFalse(Files.readSymbolicLink(onnx).isAbsolute(), "relative links survive moving the caches together");
    List<float[]> pulled = HubFixtures.vectors("q", model.folder());
    List<float[]> builtin = HubFixtures.packVectors(BuiltinPack.ALL_MINILM_L6_V2_INT8);
    for (int i = 0; i < builtin.size(); i++) {
      assertArrayEquals(builtin.get(i), pulled.get(i), 0f, "sentence " + i);
    }
  }

  @Test
  void offlineModeUsesTheCacheWithoutTheNetwork() {
    puller().pull(ModelRef.parse(REPO));
    HubPuller offline = new HubPuller(HubFixtures.unreachable(dir).withOffline(true));
    PulledModel model = offline.pull(ModelRef.parse(REPO));
    assertEquals(HubFixtures.COMMIT, model.commit());
    assertEquals(0, model.downloadedBytes());
    assertTrue(Files.isRegularFile(model.folder().resolve("onnx/model.onnx")));
  }

  @Test
  void offlineModeWithAMissingModelNamesWhatIsMissing() {
    HubPuller offline = new HubPuller(HubFixtures.unreachable(dir).withOffline(true));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> offline.resolve(ModelRef.parse("org/absent")));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("offline") && e.getMessage().contains("org/absent")
        && e.getMessage().contains("embedkit models pull org/absent"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void offlineModeWithOnlyAnotherVariantCachedSaysWhatTheSnapshotLacks() {
    puller().pull(ModelRef.parse(REPO, "quantized"));
    HubPuller offline = new HubPuller(HubFixtures.unreachable(dir).withOffline(true));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> offline.resolve(ModelRef.parse(REPO)));
    assertTrue(e.getMessage().contains("without what the model needs") && e.getMessage().contains("onnx/model.onnx"), e.getMessage());
  }

  @Test
  void resolveAnswersFromTheCacheBeforeAskingTheHub() {
    puller().pull(ModelRef.parse(REPO));
    // Same cache, unreachable endpoint, not offline: a cached model must not need the network.
    PulledModel model = new HubPuller(HubFixtures.unreachable(dir)).resolve(ModelRef.parse(REPO));
    assertEquals(HubFixtures.COMMIT, model.commit());
  }

  static List<String> leftovers(Path cache) throws Exception {
    if (!Files.exists(cache)) {
      return List.of();
    }
    try (var walk = Files.walk(cache)) {
      return walk.map(Path::toString).filter(p -> p.endsWith(".incomplete") || p.contains(".tmp-") || p.contains(".trash-"))
          .toList();
    }
  }

  static String read(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
