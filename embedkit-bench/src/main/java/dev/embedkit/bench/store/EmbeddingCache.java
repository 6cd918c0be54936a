package dev.embedkit.bench.store;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Real embeddings of the benchmark's texts, computed once with embedkit and kept in an .fvecs file named after the
 * model and a hash of the texts, so later runs (and other sizes) reuse them. The explore benchmark uses it too.
 */
public final class EmbeddingCache {
  private static final int CALL_SIZE = 2048;

  private EmbeddingCache() {}

  public static List<float[]> vectors(String model, List<String> texts, Path cacheDir) throws IOException {
    Files.createDirectories(cacheDir);
    Path file = cacheDir.resolve("embeddings-" + model + "-" + hash(texts) + ".fvecs");
    if (Files.exists(file)) {
      List<float[]> cached = Fvecs.readAll(file);
      if (cached.size() == texts.size()) {
        return cached;
      }
    }
    List<float[]> vectors = new ArrayList<>(texts.size());
    long start = System.nanoTime();
    try (EmbeddingModel embedder = Embedkit.load(model)) {
      for (int from = 0; from < texts.size(); from += CALL_SIZE) {
        List<String> call = texts.subList(from, Math.min(texts.size(), from + CALL_SIZE));
        vectors.addAll(embedder.embed(call).vectors());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("bench: embedded %,d of %,d texts with %s (%.0f/s)%n", vectors.size(),
            texts.size(), model, vectors.size() / seconds);
      }
    }
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Fvecs.write(partial, vectors);
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return vectors;
  }

  public static String hash(List<String> texts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String text : texts) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
