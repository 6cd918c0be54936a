package dev.embedkit.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes pulling the same model into one cache: one downloads each blob, both end with a complete snapshot. */
class ConcurrentProcessesTest {
  @TempDir Path dir;

  @Test
  void twoProcessesPullingTheSameModelEndConsistent() throws Exception {
    try (FakeHub hub = new FakeHub()) {
      Path pack = HubFixtures.packFolder();
      hub.repoFromPack("test-org/minilm", HubFixtures.COMMIT, pack);
      String onnxSha = hub.sha256(pack.resolve("onnx/model.onnx"));
      Path cache = dir.resolve("hf/hub");
      List<Process> processes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), PullMain.class.getName(), hub.endpoint(), cache.toString(),
            "test-org/minilm").redirectErrorStream(true).start());
      }
      for (Process process : processes) {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains(HubFixtures.COMMIT), output);
      }
      assertEquals(1, hub.cdnRequestsFor(onnxSha), "one process downloaded the big blob: " + hub.cdnRequests);
      Path snapshot = cache.resolve("models--test-org--minilm/snapshots/" + HubFixtures.COMMIT);
      assertEquals(onnxSha, BlobDownloader.digest(snapshot.resolve("onnx/model.onnx"), "SHA-256", null));
      assertEquals(HubFixtures.COMMIT, Files.readString(cache.resolve("models--test-org--minilm/refs/main")));
      assertEquals(List.of(), HubPullTest.leftovers(cache));
      assertTrue(new File(snapshot.resolve("tokenizer.json").toString()).isFile());
    }
  }
}
