package dev.embedkit.store;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A short digest of what a model computes, recorded with a collection so that vectors from another model are never
 * mixed in or compared. It covers the model's facts (dimensions, pooling, normalisation, window, weights, prompts,
 * similarity), every JSON file of its folder (tokenizer and configs) in full, and each ONNX file's size with its
 * first and last MiB: a changed graph changes its size or its ends in practice, and hashing a 600 MB CLIP graph in
 * full on every open would cost seconds.
 */
public final class ModelFingerprint {
  private static final int SAMPLE = 1 << 20;

  private ModelFingerprint() {}

  /**
   * Refuses a model whose vectors do not belong in the collection: other dimensions than the collection's, or, for a
   * collection that records its model, a model with another fingerprint (its vectors would be compared with those of
   * a different model). A null model passes a collection of external vectors of the same dimensions.
   *
   * @throws EmbedkitException INVALID_INPUT naming the collection's model and the given one
   */
  public static void check(CollectionConfig config, ModelInfo model) {
    if (model == null) {
      return;
    }
    if (model.dimensions() != config.dimensions()) {
      throw EmbedkitException.invalidInput("model '" + model.name() + "' makes vectors of " + model.dimensions()
          + " dimensions; collection '" + config.name() + "' holds " + config.dimensions()
          + (config.model() == null ? "" : " (of model '" + config.model().name() + "')")
          + "; use the collection's model, or a new collection");
    }
    if (config.model() != null && !of(model).equals(config.model().fingerprint())) {
      throw EmbedkitException.invalidInput("collection '" + config.name() + "' was built with model '"
          + config.model().name() + "' (fingerprint " + config.model().fingerprint() + "); the model given is '"
          + model.name() + "' (fingerprint " + of(model) + "); give the collection's model, or use a new collection");
    }
  }

  public static String of(ModelInfo info) {
    MessageDigest digest = sha256();
    update(digest, "dimensions=" + info.dimensions() + ";max=" + info.maxSeqLength() + ";pooling=" + info.pooling()
        + ";normalize=" + info.normalize() + ";weights=" + info.weights() + ";similarity=" + info.similarity()
        + ";prompts=" + new java.util.TreeMap<>(info.prompts()) + ";default=" + info.defaultPromptName()
        + ";modalities=" + new java.util.TreeSet<>(info.modalities()));
    Path folder = info.folder();
    if (folder != null && Files.isDirectory(folder)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(folder, 2)) {
        files = walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".onnx"))
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .filter(p -> !p.getFileName().toString().contains("manifest"))
            .sorted((a, b) -> folder.relativize(a).toString().compareTo(folder.relativize(b).toString()))
            .toList();
      } catch (IOException e) {
        throw EmbedkitException.model("cannot list model folder " + folder + ": " + e.getMessage(), e);
      }
      for (Path file : files) {
        update(digest, "file=" + folder.relativize(file).toString().replace('\\', '/'));
        try {
          if (file.toString().endsWith(".json")) {
            try (InputStream in = Files.newInputStream(file)) {
              digest.update(in.readAllBytes());
            }
          } else {
            sample(digest, file);
          }
        } catch (IOException e) {
          throw EmbedkitException.model("cannot read model file " + file + ": " + e.getMessage(), e);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  private static void sample(MessageDigest digest, Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      update(digest, "size=" + size);
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(SAMPLE, size));
      channel.read(buffer, 0);
      digest.update(buffer.flip());
      if (size > SAMPLE) {
        buffer.clear();
        channel.read(buffer, Math.max(SAMPLE, size - SAMPLE));
        digest.update(buffer.flip());
      }
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
