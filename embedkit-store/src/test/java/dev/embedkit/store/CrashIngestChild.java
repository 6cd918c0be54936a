package dev.embedkit.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The process {@link CrashSafetyTest} kills: opens (or creates) a collection of external vectors and upserts batches
 * of documents forever, printing "ack ID..." on stdout after each upsert returns (the acknowledgement a caller gets).
 *
 * <p>Arguments: FOLDER FIRST_ID SEED.
 */
public final class CrashIngestChild {
  static final int DIMENSIONS = 32;

  private CrashIngestChild() {}

  public static void main(String[] args) {
    Path folder = Path.of(args[0]);
    int next = Integer.parseInt(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    LuceneCollection collection = java.nio.file.Files.exists(folder.resolve("collection.json"))
        ? LuceneCollection.open(folder, null, false)
        : LuceneCollection.create(folder, CollectionConfig.external("crash", DIMENSIONS,
            dev.embedkit.vector.Metric.COSINE), null);
    out.println("ready");
    while (true) {
      int size = 1 + random.nextInt(40);
      List<Document> batch = new ArrayList<>(size);
      StringBuilder ack = new StringBuilder("ack");
      for (int i = 0; i < size; i++) {
        int id = next++;
        batch.add(new Document("doc-" + id, text(id), Map.of("n", id), vector(id), null));
        ack.append(' ').append("doc-").append(id);
      }
      collection.upsert(batch);
      out.println(ack);
    }
  }

  static String text(int id) {
    return "document number " + id + " " + "lorem ipsum ".repeat(id % 7);
  }

  /** A vector derived from the id, so the checker can tell a stored vector is whole. */
  static float[] vector(int id) {
    Random random = new Random(id);
    float[] v = new float[DIMENSIONS];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    v[0] = Math.abs(v[0]) + 0.01f;
    return v;
  }
}
