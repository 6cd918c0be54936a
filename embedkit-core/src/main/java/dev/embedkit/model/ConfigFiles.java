package dev.embedkit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model's JSON config files are read from: a model folder, or a built-in pack's class-path resources
 * (before the pack is extracted). Returns null for a file that is not there.
 */
@FunctionalInterface
public interface ConfigFiles {
  ObjectMapper JSON = new ObjectMapper();

  /** The parsed file at {@code relativePath} ("1_Pooling/config.json"), or null when absent. */
  JsonNode read(String relativePath);

  static ConfigFiles folder(Path folder) {
    return relativePath -> {
      Path file = folder.resolve(relativePath);
      if (!Files.isRegularFile(file)) {
        return null;
      }
      try {
        return JSON.readTree(file.toFile());
      } catch (JsonProcessingException e) {
        throw EmbedkitException.model(file + " is not valid JSON: " + e.getOriginalMessage(), null);
      } catch (IOException e) {
        throw EmbedkitException.model("cannot read " + file + ": " + e.getMessage(), e);
      }
    };
  }

  static ConfigFiles resources(String resourceFolder) {
    return relativePath -> {
      try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(resourceFolder + relativePath)) {
        return in == null ? null : JSON.readTree(in);
      } catch (IOException e) {
        throw EmbedkitException.internal("cannot read resource " + resourceFolder + relativePath + ": " + e.getMessage(), e);
      }
    };
  }
}
