package dev.embedkit.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an ingesting child process with SIGKILL ten times at random moments; after each kill the collection must open
 * (the dead writer's lock released), for writing too, and hold every document whose upsert had been acknowledged,
 * whole (text, metadata and vector as written).
 */
class CrashSafetyTest {
  @TempDir Path temp;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void acknowledgedWritesSurviveKillNine() throws Exception {
    Path folder = temp.resolve("crash");
    Random random = new Random(20261207);
    Set<String> acknowledged = new LinkedHashSet<>();
    int next = 0;
    for (int round = 0; round < 10; round++) {
      Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
          "-Xmx256m", CrashIngestChild.class.getName(), folder.toString(), Integer.toString(next),
          Long.toString(random.nextLong()))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      List<String> acks = new ArrayList<>();
      AtomicReference<Boolean> ready = new AtomicReference<>(false);
      Thread reader = new Thread(() -> read(child, acks, ready));
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!firstAck(acks) && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(5);
      }
      assertTrue(ready.get() && firstAck(acks), "child did not start ingesting (round " + round + ")");
      Thread.sleep(random.nextInt(1000)); // a random moment in the middle of the ingest
      child.destroyForcibly(); // SIGKILL on Linux
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      reader.join(10_000);
      int before = acknowledged.size();
      synchronized (acks) {
        for (String line : acks) {
          for (String id : line.substring(4).split(" ")) {
            acknowledged.add(id);
            next = Math.max(next, Integer.parseInt(id.substring(4)) + 1);
          }
        }
      }
      assertTrue(acknowledged.size() > before, "round " + round + " acknowledged nothing before the kill");
      next += 1000; // unacknowledged ids of this round may or may not be there; never reuse them
      try (LuceneCollection reopened = LuceneCollection.open(folder, null, false)) {
        assertTrue(reopened.count() >= acknowledged.size(), "round " + round + ": " + reopened.count()
            + " documents, " + acknowledged.size() + " acknowledged");
        List<String> ids = new ArrayList<>(acknowledged);
        List<StoredDocument> found = reopened.get(ids, true);
        assertEquals(ids.size(), found.size(), "round " + round + ": acknowledged documents missing");
        for (StoredDocument document : found) {
          int n = Integer.parseInt(document.id().substring(4));
          assertEquals(CrashIngestChild.text(n), document.text());
          assertEquals((long) n, document.metadata().get("n"));
          assertArrayEquals(CrashIngestChild.vector(n), document.vector());
        }
      }
    }
  }

  private static boolean firstAck(List<String> acks) {
    synchronized (acks) {
      return !acks.isEmpty();
    }
  }

  /** Collects complete lines only: a line cut by the kill (no newline) is not an acknowledgement. */
  private static void read(Process child, List<String> acks, AtomicReference<Boolean> ready) {
    try (InputStreamReader in = new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1; c = in.read()) {
        if (c != '\n') {
          line.append((char) c);
          continue;
        }
        String complete = line.toString();
        line.setLength(0);
        if (complete.equals("ready")) {
          ready.set(true);
        } else if (complete.startsWith("ack ")) {
          synchronized (acks) {
            acks.add(complete);
          }
        }
      }
    } catch (IOException ignored) {
      // the pipe closes when the child dies
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
