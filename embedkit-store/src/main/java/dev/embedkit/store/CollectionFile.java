package dev.embedkit.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Named;
import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A collection's recorded settings, {@code collection.json} in its folder: written once at creation (temp file, fsync,
 * rename), read and checked on every open. Format version 1.
 */
final class CollectionFile {
  static final String NAME = "collection.json";
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CollectionFile() {}

  static Path of(Path folder) {
    return folder.resolve(NAME);
  }

  static void write(Path folder, CollectionConfig config) throws IOException {
    writeAtomically(folder, NAME, json(config));
  }

  /** The file's JSON for a config (also how a backend keeps the config beside its remote collection). */
  static byte[] json(CollectionConfig config) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("name", config.name());
    if (config.model() != null) {
      ObjectNode model = root.putObject("model");
      model.put("name", config.model().name());
      model.put("fingerprint", config.model().fingerprint());
    }
    root.put("dimensions", config.dimensions());
    root.put("similarity", Named.of(config.similarity()));
    ObjectNode hnsw = root.putObject("hnsw");
    hnsw.put("m", config.hnsw().m());
    hnsw.put("beam_width", config.hnsw().beamWidth());
    root.put("quantization", Named.of(config.quantization()));
    ObjectNode chunking = root.putObject("chunking");
    chunking.put("max_tokens", config.chunking().maxTokens());
    chunking.put("overlap_tokens", config.chunking().overlapTokens());
    chunking.put("sentence_aware", config.chunking().sentenceAware());
    root.put("analyzer", config.analyzer());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot write a collection config as JSON: " + e.getMessage(), e);
    }
  }

  /** Writes {@code folder/name}: temp file, fsync, atomic rename, directory fsync. */
  static void writeAtomically(Path folder, String name, byte[] bytes) throws IOException {
    Path temp = folder.resolve(name + ".tmp");
    Files.write(temp, bytes);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    try {
      Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // Directories cannot be opened for fsync on every platform; the rename is still atomic.
    }
  }

  static CollectionConfig read(Path folder) {
    Path file = of(folder);
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw EmbedkitException.invalidInput("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse("")
          + " (a collection folder holds collection.json and index/)");
    }
    return parse(root, file.toString());
  }

  /** A config from its JSON ({@code where} names the source in errors). */
  static CollectionConfig parse(byte[] json, String where) {
    try {
      return parse(JSON.readTree(json), where);
    } catch (IOException e) {
      throw EmbedkitException.invalidInput(where + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static CollectionConfig parse(JsonNode root, String file) {
    if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT) {
      throw EmbedkitException.unsupported(file + " is not a collection file of format " + FORMAT);
    }
    try {
      JsonNode model = root.get("model");
      ModelRef ref = model == null || model.isNull() ? null
          : new ModelRef(model.path("name").asText(), model.path("fingerprint").asText());
      JsonNode hnsw = root.path("hnsw");
      JsonNode chunking = root.path("chunking");
      return new CollectionConfig(root.path("name").asText(), ref, root.path("dimensions").asInt(),
          Metric.fromString(root.path("similarity").asText()),
          new HnswSettings(hnsw.path("m").asInt(), hnsw.path("beam_width").asInt()),
          Quantization.fromString(root.path("quantization").asText()),
          new ChunkSettings(chunking.path("max_tokens").asInt(), chunking.path("overlap_tokens").asInt(),
              chunking.path("sentence_aware").asBoolean()),
          root.path("analyzer").asText());
    } catch (EmbedkitException e) {
      throw EmbedkitException.invalidInput(file + " is damaged: " + e.getMessage());
    }
  }
}
