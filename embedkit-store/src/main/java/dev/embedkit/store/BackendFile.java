package dev.embedkit.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a collection on another engine lives, {@code backend.json} beside its {@code collection.json}: the backend's
 * name and the user's location settings (e.g. {@code {"backend":"solr","location":{"zk":"host:2181"}}}). A folder
 * without it is an embedded (Lucene) collection.
 *
 * @param backend the {@link dev.embedkit.store.spi.CollectionBackend#name()}
 * @param location its settings, as given at creation
 */
record BackendFile(String backend, Map<String, String> location) {
  static final String NAME = "backend.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  BackendFile {
    location = Map.copyOf(location);
  }

  static boolean exists(Path folder) {
    return Files.isRegularFile(folder.resolve(NAME));
  }

  void write(Path folder) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    root.put("backend", backend);
    ObjectNode where = root.putObject("location");
    location.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> where.put(e.getKey(), e.getValue()));
    CollectionFile.writeAtomically(folder, NAME, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  static BackendFile read(Path folder) {
    Path file = folder.resolve(NAME);
    try {
      JsonNode root = JSON.readTree(file.toFile());
      if (root == null || !root.path("backend").isTextual() || !root.path("location").isObject()) {
        throw EmbedkitException.invalidInput(file + " is damaged: it needs \"backend\" (a name) and \"location\""
            + " (an object of strings)");
      }
      Map<String, String> location = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.get("location").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        location.put(e.getKey(), e.getValue().asText());
      }
      return new BackendFile(root.get("backend").asText(), location);
    } catch (IOException e) {
      throw EmbedkitException.invalidInput("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
