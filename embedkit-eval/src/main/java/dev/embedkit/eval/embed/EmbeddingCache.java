package dev.embedkit.eval.embed;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.TempFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Float32 full-dimension embeddings on disk, one file per (model, prompt, texts) under
 * {@code $EMBEDKIT_HOME/eval-cache/}. The key is a SHA-256 over the model's identity (name, weights, ONNX size and
 * signature, max length, pooling, normalisation), the prompt and every text in order, so an edited dataset or another
 * model never hits a stale entry. Other dimensions and precisions are derived from these vectors
 * ({@link VariantVectors}), so they cost no inference. Files are written to a temporary name and moved into place; a file
 * that cannot be written (full disk, read-only home, the cache cleared meanwhile) is logged and skipped, never fatal.
 */
public final class EmbeddingCache {
  static final int MAGIC = 0x454B5631; // "EKV1"
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
  private final Path root;

  public EmbeddingCache(Path root) {
    this.root = root;
  }

  /** A cache that never stores anything. */
  public static EmbeddingCache disabled() {
    return new EmbeddingCache(null);
  }

  public Path root() {
    return root;
  }

  public static String key(String modelIdentity, String prompt, List<String> texts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, "embedkit-eval-cache-v1");
      update(digest, modelIdentity);
      update(digest, prompt);
      for (String text : texts) {
        update(digest, text);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw EmbedkitException.internal("SHA-256 is not available", e);
    }
  }

  public Optional<List<float[]>> get(String model, String key, int expectedRows) {
    if (root == null) {
      return Optional.empty();
    }
    Path file = file(model, key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) channel.size()).order(ByteOrder.LITTLE_ENDIAN);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read fully
      }
      buffer.flip();
      if (buffer.remaining() < 12 || buffer.getInt() != MAGIC) {
        return Optional.empty();
      }
      int rows = buffer.getInt();
      int dims = buffer.getInt();
      if (rows != expectedRows || buffer.remaining() != (long) rows * dims * Float.BYTES) {
        return Optional.empty(); // truncated or foreign file: embed again
      }
      List<float[]> vectors = new ArrayList<>(rows);
      for (int r = 0; r < rows; r++) {
        float[] v = new float[dims];
        buffer.asFloatBuffer().get(v);
        buffer.position(buffer.position() + dims * Float.BYTES);
        vectors.add(v);
      }
      return Optional.of(vectors);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void put(String model, String key, List<float[]> vectors) {
    if (root == null || vectors.isEmpty()) {
      return;
    }
    int dims = vectors.get(0).length;
    ByteBuffer buffer = ByteBuffer.allocate(12 + vectors.size() * dims * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(MAGIC).putInt(vectors.size()).putInt(dims);
    for (float[] v : vectors) {
      for (float x : v) {
        buffer.putFloat(x);
      }
    }
    buffer.flip();
    Path file = file(model, key);
    try {
      Files.createDirectories(file.getParent());
      Path temp = TempFiles.register(Files.createTempFile(file.getParent(), key, ".tmp"));
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        TempFiles.delete(temp); // a failed write leaves no temporary file; after the rename there is none
      }
    } catch (IOException e) {
      // A cache is an optimisation: a full disk, a read-only home or 'embedkit cache clear eval' running at this moment
      // must not throw away the evaluation that computed these vectors; the next run embeds them again.
      LOG.warn("cannot write the embedding cache {} ({}); the vectors are used but not kept", file, e.toString());
    }
  }

  private Path file(String model, String key) {
    String folder = model.replaceAll("[^A-Za-z0-9._-]", "_");
    return root.resolve(folder).resolve(key + ".f32");
  }

  private static void update(MessageDigest digest, String value) {
    byte[] bytes = (value == null ? "\u0000null" : value).getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    digest.update(bytes);
  }
}
