package dev.embedkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.embedkit.EmbedkitException;
import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the collection lives on a 2 MiB tmpfs, and documents are upserted until a write fails. The failure
 * must be one clear error naming the full disk; once space is freed (the tmpfs grown), the collection opens and holds
 * every document whose upsert returned. Needs permission to mount (root with CAP_SYS_ADMIN, as CI has); skipped
 * otherwise, saying so.
 */
class DiskFullTest {
  @TempDir Path temp;
  private Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", mount.toString());
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aFullDiskGivesOneClearErrorAndLosesNothingAcknowledged() throws Exception {
    Path point = temp.resolve("small");
    Files.createDirectories(point);
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", point.toString()) == 0,
        "cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN) to fill a real disk");
    mount = point;
    Path folder = point.resolve("full");
    List<String> acknowledged = new ArrayList<>();
    EmbedkitException failure = null;
    try (LuceneCollection collection = LuceneCollection.create(folder,
        CollectionConfig.external("full", CrashIngestChild.DIMENSIONS, Metric.COSINE), null)) {
      for (int batch = 0; batch < 10_000 && failure == null; batch++) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          int n = batch * 200 + i;
          documents.add(new Document("d" + n, "text of document " + n + " ".repeat(n % 13), Map.of("n", n),
              CrashIngestChild.vector(n + 7).clone(), null));
        }
        try {
          collection.upsert(documents);
          documents.forEach(d -> acknowledged.add(d.id()));
        } catch (EmbedkitException e) {
          failure = e;
        }
      }
    } catch (EmbedkitException e) {
      // closing a writer on a full disk may fail too; what matters is the state after space is freed
      if (failure == null) {
        failure = e;
      }
    }
    if (failure == null) {
      fail("2 MiB never filled");
    }
    assertTrue(failure.getMessage().contains("disk is full"), failure.getMessage());
    assertEquals(1, failure.getMessage().lines().count(), failure.getMessage());
    assertTrue(acknowledged.size() > 0);
    assertEquals(0, run("mount", "-o", "remount,size=64m", point.toString()));
    try (LuceneCollection reopened = LuceneCollection.open(folder, null, false)) {
      List<StoredDocument> found = reopened.get(acknowledged, false);
      assertEquals(acknowledged.size(), found.size(), "acknowledged documents missing after the disk filled");
      reopened.upsert(List.of(new Document("after", null, Map.of(), CrashIngestChild.vector(1), null)));
      assertTrue(reopened.get("after", false).isPresent());
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor();
  }
}
